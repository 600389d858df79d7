package dev.tether.bench.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes the results file with Jackson, in the layout the file has always had: maps in their order, two spaces a
 * level, lists on one line. A figure ({@link Double}) is written whole when it is whole and else rounded to four
 * decimals, so the file shows no noise digits; NaN and the infinities, which JSON lacks, are null.
 */
final class ResultsJson {

    private static final ObjectWriter WRITER = JsonMapper.builder()
        .addModule(new SimpleModule("bench-figures").addSerializer(Double.class, new FigureSerializer()))
        .build()
        .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withArrayValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(new OneLineList()));

    private ResultsJson() {
    }

    /** @return the value as JSON, ending with a line break */
    static String write(Object value) throws IOException {
        return WRITER.writeValueAsString(value) + "\n";
    }

    /** A list on one line that still counts as a level: an object in it is indented one step more than the list. */
    private static final class OneLineList extends DefaultPrettyPrinter.NopIndenter {

        @Override
        public boolean isInline() {
            return false;
        }
    }

    private static final class FigureSerializer extends StdSerializer<Double> {

        FigureSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double figure, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (figure.isNaN() || figure.isInfinite()) {
                out.writeNull();
            } else if (figure == Math.rint(figure) && Math.abs(figure) < 1e15) {
                out.writeNumber(figure.longValue());
            } else {
                out.writeNumber(Math.round(figure * 1e4) / 1e4);
            }
        }
    }
}
