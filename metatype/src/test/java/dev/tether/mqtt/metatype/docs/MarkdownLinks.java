package dev.tether.mqtt.metatype.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files, and whether they resolve the way GitHub resolves them: the file or folder
 * exists inside the repository and, for {@code page.md#anchor}, the page has a heading with that slug.
 */
final class MarkdownLinks {

    /** {@code [text](target)} and {@code ![alt](target)}, one level of brackets inside the text. */
    private static final Pattern INLINE =
        Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");

    record Link(Path file, int line, String target) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + target;
        }
    }

    private MarkdownLinks() {
    }

    /** @return every link and image target outside code, in order */
    static List<Link> links(Path file) throws IOException {
        List<Link> links = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            for (Pattern pattern : List.of(INLINE, REFERENCE, HTML)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    links.add(new Link(file, i + 1, matcher.group(1)));
                }
            }
        }
        return links;
    }

    /** @return the anchors GitHub gives the headings of a page, and its explicit {@code <a id>} anchors */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text lower-cased, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading
            .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
            .replaceAll("<[^>]+>", "")
            .replace("`", "")
            .replace("*", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    /** @return why a link does not resolve, or null when it does (or is not relative) */
    static String problem(Path root, Link link) throws IOException {
        String target = link.target();
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? link.file()
            : link.file().getParent().resolve(URLDecoder.decode(pathPart, StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return root.relativize(resolved) + " does not exist";
        }
        if (!anchor.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return root.relativize(resolved) + " has no heading with the anchor #" + anchor;
        }
        return null;
    }
}
