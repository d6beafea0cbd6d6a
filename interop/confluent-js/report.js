'use strict';
// Shared by the interop scripts: a list of named checks, each recording what was expected and
// what Confluent's client actually saw, printed as one JSON document on stdout. The exit code is
// 0 when every check passed, 1 when any failed, 2 when the script itself could not run.

const { RestError } = require('@confluentinc/schemaregistry');

const CLIENT_VERSION = require('@confluentinc/schemaregistry/package.json').version;

class Report {
  constructor(script) {
    this.script = script;
    this.checks = [];
    this.facts = {};
  }

  /** Runs `action`; `verify(result)` returns null when it is right, else what was expected. */
  async check(name, action, verify) {
    try {
      const actual = await action();
      const expected = verify(actual);
      this.checks.push({ name, ok: expected == null, expected: expected ?? undefined, actual: jsonSafe(actual) });
      return actual;
    } catch (error) {
      this.checks.push({ name, ok: false, error: describe(error) });
      return undefined;
    }
  }

  /** Runs `action`, which must fail with Confluent's RestError of this HTTP status and code. */
  async checkError(name, action, status, errorCode) {
    try {
      const actual = await action();
      this.checks.push({ name, ok: false, expected: { status, errorCode }, actual: jsonSafe(actual) });
    } catch (error) {
      const ok = error instanceof RestError && error.status === status && error.errorCode === errorCode;
      this.checks.push({ name, ok, expected: ok ? undefined : { status, errorCode }, error: describe(error) });
    }
  }

  /** Records a value the caller (the Java IT) asserts on itself. */
  fact(name, value) {
    this.facts[name] = jsonSafe(value);
  }

  print() {
    const failed = this.checks.filter((c) => !c.ok).map((c) => c.name);
    const out = {
      script: this.script,
      client: `@confluentinc/schemaregistry ${CLIENT_VERSION}`,
      ok: failed.length === 0,
      failed,
      checks: this.checks,
      facts: this.facts,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    process.exitCode = failed.length === 0 ? 0 : 1;
  }
}

function describe(error) {
  if (error instanceof RestError) {
    return { type: 'RestError', status: error.status, errorCode: error.errorCode, message: error.message };
  }
  return { type: error?.constructor?.name ?? typeof error, message: String(error?.message ?? error) };
}

/** JSON-friendly copy: Buffers as base64, bigints and Longs as decimal strings. */
function jsonSafe(value) {
  if (value === undefined) {
    return null;
  }
  return JSON.parse(
    JSON.stringify(value, function (key, v) {
      const raw = this[key];
      if (Buffer.isBuffer(raw)) {
        return { base64: raw.toString('base64') };
      }
      if (typeof v === 'bigint') {
        return v.toString();
      }
      return v;
    }),
  );
}

/** Runs `main`, printing any crash on stderr with exit code 2. */
function run(main) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 2;
  });
}

module.exports = { Report, jsonSafe, describe, run, CLIENT_VERSION };
