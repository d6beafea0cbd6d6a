package io.fluxgate.schemas.registry;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * Where in a schema Avro found an incompatibility, as people name it: Avro's JSON-pointer location
 * ({@code /fields/1/type/fields/0/type}, field indexes of the reader) becomes a dotted field path
 * ({@code payment.amount}), with {@code []} for array items, {@code {}} for map values and {@code
 * <type>} for the writer's union branch ({@code data<string>}).
 *
 * @param path the field path; empty for the root
 * @param field the reader's field the location ends at, or null when it ends at a type
 * @param writer the writer's type the location ends at (a branch, when it ends in the writer's
 *     union), or null when the walk lost it
 * @param unionBranch whether the location ends at a branch of the writer's union
 * @param writerFieldAbsent whether it ends at the type of a reader's field the writer lacks
 */
record AvroLocation(
    String path,
    Schema.Field field,
    Schema writer,
    boolean unionBranch,
    boolean writerFieldAbsent) {

  /** Follows {@code pointer} through {@code reader} and {@code writer}, below {@code prefix}. */
  static AvroLocation resolve(Schema reader, Schema writer, String pointer, String prefix) {
    try {
      return walk(reader, writer, pointer, prefix);
    } catch (RuntimeException e) {
      // A location shape this walk does not know; the raw pointer still says where.
      return new AvroLocation(prefix + pointer, null, null, false, false);
    }
  }

  private static AvroLocation walk(Schema reader, Schema writer, String pointer, String prefix) {
    StringBuilder path = new StringBuilder(prefix);
    Schema.Field field = null;
    Schema.Field writerField = null;
    boolean unionBranch = false;
    boolean writerFieldAbsent = false;
    String[] tokens = pointer.split("/");
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      unionBranch = false;
      switch (token) {
        case "", "name", "size", "symbols" -> {
          // the root, or a property of the type already reached
        }
        case "fields" -> {
          field = reader.getFields().get(Integer.parseInt(tokens[++i]));
          writerField = writerField(writer, field);
          if (!path.isEmpty()) {
            path.append('.');
          }
          path.append(field.name());
        }
        case "type" -> {
          // Avro checks a new enum field with an enum default against the writer's record; the
          // writer has no such field all the same.
          reader = field.schema();
          writer = writerField == null ? null : writerField.schema();
          writerFieldAbsent = writerField == null;
          field = null;
        }
        case "items" -> {
          reader = reader.getElementType();
          writer = writer.getElementType();
          path.append("[]");
        }
        case "values" -> {
          reader = reader.getValueType();
          writer = writer.getValueType();
          path.append("{}");
        }
        default -> {
          // an index into the writer's union: the reader is checked against each branch
          writer = writer.getTypes().get(Integer.parseInt(token));
          path.append('<').append(label(writer)).append('>');
          unionBranch = true;
        }
      }
    }
    return new AvroLocation(path.toString(), field, writer, unionBranch, writerFieldAbsent);
  }

  /** The writer's field that the reader's field reads, by name or by one of its aliases. */
  private static Schema.Field writerField(Schema writer, Schema.Field readerField) {
    Schema.Field found = writer.getField(readerField.name());
    for (String alias : readerField.aliases()) {
      if (found == null) {
        found = writer.getField(alias);
      }
    }
    return found;
  }

  /** A union branch as a path segment: a named type by its full name, others by their kind. */
  static String label(Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branch.getFullName();
      default -> branch.getType().name().toLowerCase(Locale.ROOT);
    };
  }
}
