package dev.tether.mqtt.webconsole.internal;

import org.owasp.encoder.Encode;

/** Escapes text for the page. */
final class Html {

    private Html() {
    }

    /** @return the text, safe as HTML element content; "" for null */
    static String text(String text) {
        return text == null ? "" : forConsole(Encode.forHtml(text));
    }

    /** @return the text, safe in a double-quoted HTML attribute; "" for null */
    static String attribute(String text) {
        return text == null ? "" : forConsole(Encode.forHtmlAttribute(text));
    }

    // The web console sends every HTML page through a filter that replaces ${key} with its own
    // variables and drops a backslash before '$' (ResourceFilteringWriter): a topic filter such as
    // a/${x} would lose its text. As character references they pass the filter and still read '$'
    // and '\' in the browser, in text and in attribute values alike.
    private static String forConsole(String html) {
        return html.replace("$", "&#36;").replace("\\", "&#92;");
    }
}
