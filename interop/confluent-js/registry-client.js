'use strict';
// Confluent's official JavaScript registry client against a registry at the given URL:
// registration, reads by id/version/latest, subjects and versions, compatibility tests, config,
// mode, soft and hard deletes, and the error codes a Confluent registry answers with.
//
//   node registry-client.js http://127.0.0.1:8080 [subject-prefix]
//
// Every read goes through a fresh client, so that the client's caches never answer in place of
// the registry. Prints a JSON report (see report.js); exit 0 only when every check passed.

const {
  SchemaRegistryClient,
  Compatibility,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
} = require('@confluentinc/schemaregistry');
const { isDeepStrictEqual } = require('node:util');
const { Report, jsonSafe, run } = require('./report');

const USER_V1 = {
  type: 'record',
  name: 'User',
  namespace: 'io.fluxgate.interop',
  fields: [{ name: 'name', type: 'string' }],
};
const USER_V2 = { ...USER_V1, fields: [...USER_V1.fields, { name: 'age', type: 'int', default: 0 }] };
const USER_V3 = {
  ...USER_V2,
  fields: [...USER_V2.fields, { name: 'email', type: ['null', 'string'], default: null }],
};
// A new required field: data written with v2 cannot be read with it (BACKWARD refuses it).
const USER_REQUIRED_FIELD = {
  ...USER_V2,
  fields: [...USER_V2.fields, { name: 'tenant', type: 'string' }],
};
const MONEY = {
  type: 'record',
  name: 'Money',
  namespace: 'io.fluxgate.interop',
  fields: [
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string' },
  ],
};
const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'io.fluxgate.interop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: 'io.fluxgate.interop.Money' },
  ],
};
const NEVER_REGISTERED = { type: 'record', name: 'Nobody', fields: [{ name: 'x', type: 'long' }] };

const avro = (schema) => ({ schemaType: 'AVRO', schema: JSON.stringify(schema) });
const sameSchema = (text, schema) => isDeepStrictEqual(JSON.parse(text), schema);
const expect = (condition, what) => (condition ? null : what);

async function main() {
  const [url, prefixArg] = process.argv.slice(2);
  if (!url) {
    throw new Error('usage: node registry-client.js <registry-url> [subject-prefix]');
  }
  const prefix = prefixArg ?? `interop-${Date.now()}`;
  const fresh = () => new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
  const rest = (client) => client['restService'];
  const report = new Report('registry-client');
  const subject = `${prefix}.user-value`;
  const other = `${prefix}.other-value`;
  const unknown = `${prefix}.never-registered`;

  // Registration, idempotent re-registration, reads by id, version and latest.
  const id1 = await report.check(
    'register v1 returns a numeric id',
    () => fresh().register(subject, avro(USER_V1)),
    (id) => expect(Number.isInteger(id) && id >= 0, 'an integer id'),
  );
  await report.check(
    'register v1 again (new client) returns the same id',
    () => fresh().register(subject, avro(USER_V1)),
    (id) => expect(id === id1, `id ${id1}`),
  );
  const full = await report.check(
    'registerFullResponse carries the id',
    () => fresh().registerFullResponse(subject, avro(USER_V1)),
    (r) => expect(r.id === id1, `id ${id1}`),
  );
  report.fact('registerFullResponse', full);
  await report.check(
    'getBySubjectAndId returns the schema',
    () => fresh().getBySubjectAndId(subject, id1),
    (s) => expect(sameSchema(s.schema, USER_V1) && (s.schemaType ?? 'AVRO') === 'AVRO', 'USER_V1'),
  );
  await report.check(
    'getSchemaMetadata(subject, 1)',
    () => fresh().getSchemaMetadata(subject, 1),
    (m) =>
      expect(
        m.subject === subject && m.version === 1 && m.id === id1 && sameSchema(m.schema, USER_V1),
        { subject, version: 1, id: id1, schema: USER_V1 },
      ),
  );
  await report.check(
    'getLatestSchemaMetadata with one version',
    () => fresh().getLatestSchemaMetadata(subject),
    (m) => expect(m.version === 1 && m.id === id1, { version: 1, id: id1 }),
  );
  const id2 = await report.check(
    'register v2 (added field with default) gets a new id',
    () => fresh().register(subject, avro(USER_V2)),
    (id) => expect(Number.isInteger(id) && id !== id1, `an id other than ${id1}`),
  );
  await report.check(
    'getLatestSchemaMetadata after v2',
    () => fresh().getLatestSchemaMetadata(subject),
    (m) =>
      expect(m.subject === subject && m.version === 2 && m.id === id2 && sameSchema(m.schema, USER_V2), {
        subject,
        version: 2,
        id: id2,
        schema: USER_V2,
      }),
  );
  await report.check(
    'getAllVersions',
    () => fresh().getAllVersions(subject),
    (v) => expect(isDeepStrictEqual(v, [1, 2]), [1, 2]),
  );
  await report.check(
    'getVersion(v1) looks the schema up',
    () => fresh().getVersion(subject, avro(USER_V1)),
    (v) => expect(v === 1, 1),
  );
  await report.check(
    'getId(v2) looks the schema up',
    () => fresh().getId(subject, avro(USER_V2)),
    (id) => expect(id === id2, id2),
  );
  await report.check(
    'getIdFullResponse(v2)',
    () => fresh().getIdFullResponse(subject, avro(USER_V2)),
    (m) => expect(m.id === id2 && m.version === 2 && m.subject === subject, { id: id2, version: 2, subject }),
  );
  await report.check(
    'register the same schema under a second subject shares the id',
    () => fresh().register(other, avro(USER_V1)),
    (id) => expect(id === id1, id1),
  );
  await report.check(
    'getAllSubjects lists both subjects',
    () => fresh().getAllSubjects(),
    (s) => expect(Array.isArray(s) && s.includes(subject) && s.includes(other), [subject, other]),
  );

  // Compatibility, under the default level (BACKWARD).
  await report.check(
    'getDefaultCompatibility is BACKWARD',
    () => fresh().getDefaultCompatibility(),
    (c) => expect(c === Compatibility.BACKWARD, 'BACKWARD'),
  );
  await report.check(
    'getDefaultConfig',
    () => fresh().getDefaultConfig(),
    (c) => expect(c.compatibilityLevel === 'BACKWARD', { compatibilityLevel: 'BACKWARD' }),
  );
  await report.check(
    'testSubjectCompatibility: optional new field is compatible',
    () => fresh().testSubjectCompatibility(subject, avro(USER_V3)),
    (ok) => expect(ok === true, true),
  );
  await report.check(
    'testSubjectCompatibility: new required field is incompatible',
    () => fresh().testSubjectCompatibility(subject, avro(USER_REQUIRED_FIELD)),
    (ok) => expect(ok === false, false),
  );
  await report.check(
    'testCompatibility against version 1',
    () => fresh().testCompatibility(subject, 1, avro(USER_V3)),
    (ok) => expect(ok === true, true),
  );
  await report.check(
    'testCompatibility against version 2, incompatible',
    () => fresh().testCompatibility(subject, 2, avro(USER_REQUIRED_FIELD)),
    (ok) => expect(ok === false, false),
  );
  await report.check(
    'testSubjectCompatibility on a subject without versions is compatible',
    () => fresh().testSubjectCompatibility(unknown, avro(USER_V1)),
    (ok) => expect(ok === true, true),
  );
  await report.checkError(
    'register an incompatible schema: 409',
    () => fresh().register(subject, avro(USER_REQUIRED_FIELD)),
    409,
    409,
  );
  const verbose = await report.check(
    'verbose compatibility test says why',
    () =>
      rest(fresh())
        .handleRequest(
          `/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest?verbose=true`,
          'POST',
          avro(USER_REQUIRED_FIELD),
        )
        .then((r) => r.data),
    (r) =>
      expect(
        r.is_compatible === false && Array.isArray(r.messages) && r.messages.length > 0,
        'is_compatible false with messages',
      ),
  );
  report.fact('verboseIncompatibility', verbose);

  // References: a schema naming a type of another subject, and the serde resolving it.
  const moneySubject = `${prefix}.money-value`;
  const orderTopic = `${prefix}.order`;
  const references = [{ name: 'io.fluxgate.interop.Money', subject: moneySubject, version: 1 }];
  await report.check(
    'register a schema with a reference',
    () =>
      fresh()
        .register(moneySubject, avro(MONEY))
        .then(() => fresh().register(`${orderTopic}-value`, { ...avro(ORDER), references })),
    (id) => expect(Number.isInteger(id), 'an integer id'),
  );
  await report.check(
    'getLatestSchemaMetadata answers the references',
    () => fresh().getLatestSchemaMetadata(`${orderTopic}-value`),
    (m) => {
      // Avro writes a named type in its record's namespace by its short name: either form is right.
      const total = JSON.parse(m.schema).fields.find((f) => f.name === 'total');
      const named = total?.type === 'Money' || total?.type === 'io.fluxgate.interop.Money';
      return expect(isDeepStrictEqual(m.references, references) && named, { references, total: 'Money' });
    },
  );
  const order = { id: 'o-1', total: { amount: 3.5, currency: 'EUR' } };
  await report.check(
    'the Avro serde resolves the reference both ways',
    async () => {
      const bytes = await new AvroSerializer(fresh(), SerdeType.VALUE, { useLatestVersion: true }).serialize(
        orderTopic,
        order,
      );
      return new AvroDeserializer(fresh(), SerdeType.VALUE, {}).deserialize(orderTopic, bytes);
    },
    (read) => expect(isDeepStrictEqual(jsonSafe(read), order), order),
  );
  await report.checkError(
    'register with a reference to a version that does not exist: 42201',
    () =>
      fresh().register(`${orderTopic}-broken`, {
        ...avro(ORDER),
        references: [{ ...references[0], version: 7 }],
      }),
    422,
    42201,
  );

  // Config: per subject and global.
  await report.checkError(
    'getConfig of a subject without its own level: 40408',
    () => fresh().getConfig(subject),
    404,
    40408,
  );
  await report.check(
    'updateConfig(subject, FULL) echoes the update',
    () => fresh().updateConfig(subject, { compatibility: Compatibility.FULL }),
    (c) => expect(c.compatibility === 'FULL', { compatibility: 'FULL' }),
  );
  await report.check(
    'getConfig(subject) after the update',
    () => fresh().getConfig(subject),
    (c) => expect(c.compatibilityLevel === 'FULL', { compatibilityLevel: 'FULL' }),
  );
  await report.check(
    'updateCompatibility(subject, NONE)',
    () => fresh().updateCompatibility(subject, Compatibility.NONE),
    (c) => expect(c === 'NONE', 'NONE'),
  );
  await report.check(
    'getCompatibility(subject)',
    () => fresh().getCompatibility(subject),
    (c) => expect(c === 'NONE', 'NONE'),
  );
  await report.check(
    'under NONE the required field is compatible',
    () => fresh().testSubjectCompatibility(subject, avro(USER_REQUIRED_FIELD)),
    (ok) => expect(ok === true, true),
  );
  await report.check(
    'updateConfig(subject, BACKWARD_TRANSITIVE)',
    () => fresh().updateConfig(subject, { compatibility: Compatibility.BACKWARD_TRANSITIVE }),
    (c) => expect(c.compatibility === 'BACKWARD_TRANSITIVE', { compatibility: 'BACKWARD_TRANSITIVE' }),
  );
  await report.check(
    'updateDefaultConfig(BACKWARD) keeps the default',
    () => fresh().updateDefaultConfig({ compatibility: Compatibility.BACKWARD }),
    (c) => expect(c.compatibility === 'BACKWARD', { compatibility: 'BACKWARD' }),
  );
  await report.check(
    'updateConfig(subject, {normalize: true}) keeps the level',
    () => fresh().updateConfig(subject, { normalize: true }),
    (c) => expect(c.compatibility === 'BACKWARD_TRANSITIVE', { compatibility: 'BACKWARD_TRANSITIVE' }),
  );
  await report.checkError(
    'a schema with data-contract rules is refused, not stripped: 42201',
    () =>
      fresh().register(`${subject}-rules`, {
        ...avro(USER_REQUIRED_FIELD),
        ruleSet: {
          domainRules: [{ name: 'positive', kind: 'CONDITION', mode: 'WRITE', type: 'CEL', expr: 'true' }],
        },
      }),
    422,
    42201,
  );
  await report.checkError(
    'updateConfig with an unknown level: 42203',
    () => fresh().updateConfig(subject, { compatibility: 'SIDEWAYS' }),
    422,
    42203,
  );

  // Mode: the JavaScript client has no mode call; its REST service speaks to /mode directly.
  await report.check(
    'GET /mode is READWRITE',
    () => rest(fresh()).handleRequest('/mode', 'GET').then((r) => r.data),
    (m) => expect(m.mode === 'READWRITE', { mode: 'READWRITE' }),
  );
  await report.check(
    'GET /mode/{subject}?defaultToGlobal=true',
    () =>
      rest(fresh())
        .handleRequest(`/mode/${encodeURIComponent(subject)}?defaultToGlobal=true`, 'GET')
        .then((r) => r.data),
    (m) => expect(m.mode === 'READWRITE', { mode: 'READWRITE' }),
  );
  await report.checkError(
    'GET /mode/{subject} without its own mode: 40409',
    () => rest(fresh()).handleRequest(`/mode/${encodeURIComponent(subject)}`, 'GET'),
    404,
    40409,
  );

  // Errors a Confluent registry answers with.
  await report.checkError(
    'getLatestSchemaMetadata of an unknown subject: 40401',
    () => fresh().getLatestSchemaMetadata(unknown),
    404,
    40401,
  );
  await report.checkError('getAllVersions of an unknown subject: 40401', () => fresh().getAllVersions(unknown), 404, 40401);
  await report.checkError(
    'getSchemaMetadata of an unknown version: 40402',
    () => fresh().getSchemaMetadata(subject, 99),
    404,
    40402,
  );
  await report.checkError(
    'getBySubjectAndId of an unknown id: 40403',
    () => fresh().getBySubjectAndId(subject, 987654),
    404,
    40403,
  );
  await report.checkError(
    'getVersion of a schema never registered there: 40403',
    () => fresh().getVersion(subject, avro(NEVER_REGISTERED)),
    404,
    40403,
  );
  await report.checkError(
    'register an invalid schema: 42201',
    () => fresh().register(subject, { schemaType: 'AVRO', schema: '{"type": "record", "fields": []}' }),
    422,
    42201,
  );
  await report.checkError(
    'register a schema that is not JSON: 42201',
    () => fresh().register(subject, { schemaType: 'AVRO', schema: '{not json' }),
    422,
    42201,
  );
  await report.checkError(
    'getSchemaMetadata with an invalid version: 42202',
    () => fresh().getSchemaMetadata(subject, 0),
    422,
    42202,
  );
  await report.checkError(
    'hard delete of a version not soft-deleted first: 40407',
    () => fresh().deleteSubjectVersion(subject, 1, true),
    404,
    40407,
  );
  await report.checkError(
    'hard delete of a subject not soft-deleted first: 40405',
    () => fresh().deleteSubject(other, true),
    404,
    40405,
  );

  // Soft and hard deletes.
  await report.check(
    'soft deleteSubjectVersion(1)',
    () => fresh().deleteSubjectVersion(subject, 1, false),
    (v) => expect(v === 1, 1),
  );
  await report.check(
    'getAllVersions after the soft delete',
    () => fresh().getAllVersions(subject),
    (v) => expect(isDeepStrictEqual(v, [2]), [2]),
  );
  await report.check(
    'GET /subjects/{subject}/versions?deletedOnly=true lists only the soft-deleted version',
    () =>
      rest(fresh())
        .handleRequest(`/subjects/${encodeURIComponent(subject)}/versions?deletedOnly=true`, 'GET')
        .then((r) => r.data),
    (v) => expect(isDeepStrictEqual(v, [1]), [1]),
  );
  await report.checkError(
    'getSchemaMetadata of the soft-deleted version: 40402',
    () => fresh().getSchemaMetadata(subject, 1, false),
    404,
    40402,
  );
  await report.check(
    'getSchemaMetadata(deleted=true) still finds it',
    () => fresh().getSchemaMetadata(subject, 1, true),
    (m) => expect(m.version === 1 && m.id === id1, { version: 1, id: id1 }),
  );
  await report.check(
    'getBySubjectAndId still finds a soft-deleted schema',
    () => fresh().getBySubjectAndId(subject, id1),
    (s) => expect(sameSchema(s.schema, USER_V1), USER_V1),
  );
  await report.check(
    'hard deleteSubjectVersion(1)',
    () => fresh().deleteSubjectVersion(subject, 1, true),
    (v) => expect(v === 1, 1),
  );
  await report.check(
    'getSchemaMetadata(deleted=true) after the hard delete: gone',
    () =>
      fresh()
        .getSchemaMetadata(subject, 1, true)
        .then(
          () => 'found',
          (e) => e.errorCode,
        ),
    (code) => expect(code === 40402, 40402),
  );
  await report.check(
    'soft deleteSubject returns the remaining versions',
    () => fresh().deleteSubject(subject, false),
    (v) => expect(isDeepStrictEqual(v, [2]), [2]),
  );
  await report.check(
    'getAllSubjects no longer lists the soft-deleted subject',
    () => fresh().getAllSubjects(),
    (s) => expect(!s.includes(subject) && s.includes(other), `without ${subject}, with ${other}`),
  );
  await report.check(
    'GET /subjects?deleted=true still lists it',
    () => rest(fresh()).handleRequest('/subjects?deleted=true', 'GET').then((r) => r.data),
    (s) => expect(s.includes(subject), `with ${subject}`),
  );
  await report.check(
    'GET /subjects?deletedOnly=true lists only soft-deleted subjects',
    () => rest(fresh()).handleRequest(`/subjects?deletedOnly=true&subjectPrefix=${prefix}`, 'GET').then((r) => r.data),
    (s) => expect(isDeepStrictEqual(s, [subject]), [subject]),
  );
  await report.checkError(
    'getLatestSchemaMetadata of a soft-deleted subject: 40401',
    () => fresh().getLatestSchemaMetadata(subject),
    404,
    40401,
  );
  await report.check(
    'hard deleteSubject',
    () => fresh().deleteSubject(subject, true),
    (v) => expect(isDeepStrictEqual(v, [2]), [2]),
  );
  await report.check(
    'GET /subjects?deleted=true after the hard delete',
    () => rest(fresh()).handleRequest('/subjects?deleted=true', 'GET').then((r) => r.data),
    (s) => expect(!s.includes(subject), `without ${subject}`),
  );
  await report.check(
    'the id of v1 lives on under the other subject',
    () => fresh().getBySubjectAndId(other, id1),
    (s) => expect(sameSchema(s.schema, USER_V1), USER_V1),
  );
  const again = await report.check(
    're-register v2 in the hard-deleted subject starts at version 1 again',
    () =>
      fresh()
        .register(subject, avro(USER_V2))
        .then(() => fresh().getLatestSchemaMetadata(subject)),
    (m) => expect(m.version === 1, { version: 1 }),
  );
  report.fact('reRegisteredAfterHardDelete', { id: again?.id, previousId: id2 });

  report.print();
}

run(main);
