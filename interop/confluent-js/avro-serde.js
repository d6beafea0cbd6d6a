'use strict';
// Confluent's official JavaScript Avro serde against a registry at the given URL, writing and
// reading Confluent-wire-format bytes through files so that another serde (ours, in Java) can
// read what this one wrote and the other way round.
//
//   node avro-serde.js serialize   <registry-url> <topic> <out-file> inferred
//   node avro-serde.js serialize   <registry-url> <topic> <out-file> <schema.avsc>
//   node avro-serde.js deserialize <registry-url> <topic> <in-file>
//
// serialize, inferred: the serializer auto-registers the schema it infers from a fixed record
// (Confluent's default, autoRegisterSchemas). serialize, with a schema file: the schema is
// registered under <topic>-value with the client, then the serializer writes a fixed Payment with
// the subject's latest version (useLatestVersion). Both read their own bytes back with
// Confluent's deserializer. deserialize: reads bytes written by anyone.
// Prints a JSON report (see report.js) whose facts hold the value, the schema id and the bytes.

const fs = require('node:fs');
const { isDeepStrictEqual } = require('node:util');
const {
  SchemaRegistryClient,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
} = require('@confluentinc/schemaregistry');
const { Report, jsonSafe, run } = require('./report');

/** What the serializer is given with an inferred schema: plain JSON types only. */
const INFERRED_RECORD = { name: 'Ada', visits: 3, score: 9.5, active: true, tags: ['a', 'b'] };

/** A Payment (payment.avsc) as avsc takes it: enums as strings, bytes as Buffers, bare unions. */
const PAYMENT = {
  id: 'pay-js-1',
  amount: 1234.5,
  ratio: 0.25,
  quantity: 7,
  createdAt: 1753439445123,
  settled: true,
  status: 'PAID',
  tags: ['card', 'eu'],
  attributes: { region: 'eu-west-1', channel: 'web' },
  note: 'héllo ✓',
  signature: Buffer.from([0, 1, 2, 254, 255]),
  payer: { name: 'Grace', account: 4000000000 },
};

function wireHeader(bytes) {
  return { magic: bytes[0], schemaId: bytes.length >= 5 ? bytes.readInt32BE(1) : null };
}

async function serialize(report, client, topic, outFile, mode) {
  const subject = `${topic}-value`;
  let value;
  let config;
  if (mode === 'inferred') {
    value = INFERRED_RECORD;
    config = { autoRegisterSchemas: true };
  } else {
    const schema = fs.readFileSync(mode, 'utf8');
    await report.check(
      'register the schema file under the topic subject',
      () => client.register(subject, { schemaType: 'AVRO', schema }),
      (id) => (Number.isInteger(id) ? null : 'an integer id'),
    );
    value = PAYMENT;
    config = { autoRegisterSchemas: false, useLatestVersion: true };
  }
  const serializer = new AvroSerializer(client, SerdeType.VALUE, config);
  const bytes = await report.check(
    'AvroSerializer.serialize',
    () => serializer.serialize(topic, value),
    (b) => (Buffer.isBuffer(b) && b.length > 5 ? null : 'a buffer longer than the 5-byte header'),
  );
  if (bytes === undefined) {
    return;
  }
  fs.writeFileSync(outFile, bytes);
  const header = wireHeader(bytes);
  const latest = await report.check(
    'the subject now holds the schema the bytes name',
    () => new SchemaRegistryClient(client.config()).getLatestSchemaMetadata(subject),
    (m) => (header.magic === 0 && m.id === header.schemaId ? null : { magic: 0, schemaId: m.id }),
  );
  await report.check(
    "Confluent's AvroDeserializer reads the value back",
    () => new AvroDeserializer(new SchemaRegistryClient(client.config()), SerdeType.VALUE, {}).deserialize(topic, bytes),
    (read) => (isDeepStrictEqual(jsonSafe(read), jsonSafe(value)) ? null : jsonSafe(value)),
  );
  report.fact('subject', subject);
  report.fact('schemaId', header.schemaId);
  report.fact('schema', latest?.schema ? JSON.parse(latest.schema) : null);
  report.fact('value', value);
  report.fact('bytesBase64', bytes.toString('base64'));
}

async function deserialize(report, client, topic, inFile) {
  const bytes = fs.readFileSync(inFile);
  const header = wireHeader(bytes);
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const value = await report.check(
    'AvroDeserializer.deserialize',
    () => deserializer.deserialize(topic, bytes),
    (v) => (header.magic === 0 && v != null ? null : 'a value in the wire format (magic byte 0)'),
  );
  report.fact('schemaId', header.schemaId);
  report.fact('value', value);
}

async function main() {
  const [command, url, topic, file, mode] = process.argv.slice(2);
  const usage =
    'usage: node avro-serde.js serialize <registry-url> <topic> <out-file> inferred|<schema.avsc>\n' +
    '       node avro-serde.js deserialize <registry-url> <topic> <in-file>';
  if (!url || !topic || !file || (command === 'serialize' && !mode)) {
    throw new Error(usage);
  }
  const client = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
  const report = new Report(`avro-serde ${command}`);
  if (command === 'serialize') {
    await serialize(report, client, topic, file, mode);
  } else if (command === 'deserialize') {
    await deserialize(report, client, topic, file);
  } else {
    throw new Error(usage);
  }
  report.print();
}

run(main);
