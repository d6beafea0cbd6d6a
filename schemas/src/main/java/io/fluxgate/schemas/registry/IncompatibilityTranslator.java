package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Runs Avro's reader/writer check and turns each of its incompatibilities into an {@link
 * Incompatibility} people can act on: where ({@link AvroLocation}), what the reader expects and
 * what the writer has, as short type descriptions. A union branch that Avro only reports as missing
 * is explained by the reader's branch of the same name or kind, so a broken field deep inside an
 * optional record is named rather than the whole union.
 */
final class IncompatibilityTranslator {
  /** How many unions deep a missing branch is explained; recursive types stop here. */
  private static final int MAX_UNION_DEPTH = 8;

  private static final String ABSENT = "(absent)";

  private final String direction;
  private final boolean readerIsCandidate;

  private IncompatibilityTranslator(String direction, boolean readerIsCandidate) {
    this.direction = direction;
    this.readerIsCandidate = readerIsCandidate;
  }

  /** The candidate reads data written with an earlier schema. */
  static IncompatibilityTranslator backward() {
    return new IncompatibilityTranslator("BACKWARD", true);
  }

  /** An earlier schema reads data written with the candidate. */
  static IncompatibilityTranslator forward() {
    return new IncompatibilityTranslator("FORWARD", false);
  }

  /**
   * Every reason why {@code reader} cannot read data written with {@code writer}; empty if none.
   */
  List<Incompatibility> translate(Schema reader, Schema writer, int againstVersion) {
    List<Incompatibility> reasons = new ArrayList<>();
    collect(reader, writer, "", 0, reasons);
    return reasons.stream().map(reason -> reason.against(againstVersion)).distinct().toList();
  }

  private void collect(
      Schema reader, Schema writer, String prefix, int depth, List<Incompatibility> reasons) {
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (SchemaCompatibility.Incompatibility avro : result.getIncompatibilities()) {
      AvroLocation at = AvroLocation.resolve(reader, writer, avro.getLocation(), prefix);
      if (!explainedByReaderBranch(avro, at, depth, reasons)) {
        reasons.add(describe(avro, at));
      }
    }
  }

  private boolean explainedByReaderBranch(
      SchemaCompatibility.Incompatibility avro,
      AvroLocation at,
      int depth,
      List<Incompatibility> reasons) {
    Schema readerUnion = avro.getReaderFragment();
    Schema writerBranch = writerBranch(avro, at);
    if (avro.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH
        || readerUnion.getType() != Schema.Type.UNION
        || depth >= MAX_UNION_DEPTH) {
      return false;
    }
    for (Schema readerBranch : readerUnion.getTypes()) {
      if (sameNameOrKind(readerBranch, writerBranch)) {
        String path =
            at.unionBranch() ? at.path() : at.path() + "<" + AvroLocation.label(writerBranch) + ">";
        int before = reasons.size();
        collect(readerBranch, writerBranch, path, depth + 1, reasons);
        return reasons.size() > before;
      }
    }
    return false;
  }

  /** Whether Avro would resolve the writer's branch to this reader branch but for its contents. */
  private static boolean sameNameOrKind(Schema readerBranch, Schema writerBranch) {
    if (readerBranch.getType() != writerBranch.getType()) {
      return false;
    }
    return switch (readerBranch.getType()) {
      case RECORD, ENUM, FIXED -> readerBranch.getFullName().equals(writerBranch.getFullName());
      case ARRAY, MAP -> true;
      default -> false;
    };
  }

  private Incompatibility describe(SchemaCompatibility.Incompatibility avro, AvroLocation at) {
    Schema reader = avro.getReaderFragment();
    Schema writer = avro.getWriterFragment();
    return switch (avro.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> missingDefault(avro, at);
      case TYPE_MISMATCH, NAME_MISMATCH, FIXED_SIZE_MISMATCH ->
          reason(avro, at, typeName(reader), at.writerFieldAbsent() ? ABSENT : typeName(writer));
      case MISSING_ENUM_SYMBOLS ->
          reason(
              avro,
              at,
              typeName(reader)
                  + " to know "
                  + missingSymbols(reader, writer)
                  + " or have a default",
              typeName(writer) + " with symbols " + writer.getEnumSymbols());
      case MISSING_UNION_BRANCH ->
          reason(
              avro,
              at,
              "a branch of " + typeName(reader) + " for " + typeName(writerBranch(avro, at)),
              typeName(writerBranch(avro, at)));
    };
  }

  /** Avro names the whole writer union; the location says which of its branches is missing. */
  private static Schema writerBranch(SchemaCompatibility.Incompatibility avro, AvroLocation at) {
    return at.unionBranch() && at.writer() != null ? at.writer() : avro.getWriterFragment();
  }

  private Incompatibility missingDefault(
      SchemaCompatibility.Incompatibility avro, AvroLocation at) {
    Schema.Field field = at.field();
    String name = field == null ? avro.getMessage() : field.name();
    String type = field == null ? "" : " (type " + typeName(field.schema()) + ")";
    String expected =
        readerIsCandidate
            ? "a default for new field '" + name + "'" + type
            : "field '" + name + "'" + type + ", which the earlier schema has no default for";
    return reason(avro, at, expected, ABSENT);
  }

  private Incompatibility reason(
      SchemaCompatibility.Incompatibility avro, AvroLocation at, String expected, String found) {
    return new Incompatibility(avro.getType().name(), at.path(), expected, found, direction, 0);
  }

  /**
   * A type in a few words: {@code long}, {@code long (timestamp-millis)}, {@code record
   * com.acme.Money}, {@code fixed com.acme.Hash (size 16)}, {@code array<string>}, {@code [null,
   * string]}. Named types are never expanded, so recursive types end.
   */
  private static String typeName(Schema schema) {
    String logical =
        schema.getLogicalType() == null ? "" : " (" + schema.getLogicalType().getName() + ")";
    return switch (schema.getType()) {
      case RECORD, ENUM -> kind(schema) + " " + schema.getFullName();
      case FIXED ->
          "fixed " + schema.getFullName() + " (size " + schema.getFixedSize() + ")" + logical;
      case ARRAY -> "array<" + typeName(schema.getElementType()) + ">";
      case MAP -> "map<" + typeName(schema.getValueType()) + ">";
      case UNION ->
          schema.getTypes().stream()
              .map(IncompatibilityTranslator::typeName)
              .collect(Collectors.joining(", ", "[", "]"));
      default -> kind(schema) + logical;
    };
  }

  private static String kind(Schema schema) {
    return schema.getType().name().toLowerCase(Locale.ROOT);
  }

  private static List<String> missingSymbols(Schema reader, Schema writer) {
    return writer.getEnumSymbols().stream().filter(s -> !reader.hasEnumSymbol(s)).toList();
  }
}
