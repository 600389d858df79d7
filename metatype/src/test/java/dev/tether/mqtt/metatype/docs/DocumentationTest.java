package dev.tether.mqtt.metatype.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is the landing page a newcomer reads in five minutes, and docs/ the reference behind it: every relative
 * link resolves, the README stays small, and its test command is the one CI runs.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    private static final Path README = ROOT.resolve("README.md");
    private static final long README_LIMIT = 12 * 1024;

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(README);
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theReadmeIsUnder12KiB() throws IOException {
        // when
        long size = Files.size(README);

        // then
        assertThat(size).as("README.md is %d bytes; move detail into docs/", size).isLessThan(README_LIMIT);
    }

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        // given
        List<String> broken = new ArrayList<>();
        int checked = 0;

        // when
        for (Path page : pages()) {
            for (MarkdownLinks.Link link : MarkdownLinks.links(page)) {
                checked++;
                String problem = MarkdownLinks.problem(ROOT, link);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ":" + link.line() + ": (" + link.target() + ") " + problem);
                }
            }
        }

        // then
        assertThat(checked).as("links found").isGreaterThan(50);
        assertThat(broken).as("links that do not resolve").isEmpty();
    }

    @Test
    void everyDocsPageLinksBackToTheReadme() throws IOException {
        for (Path page : pages().subList(1, pages().size())) {
            // when
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);

            // then
            assertThat(lines.get(0)).as("title of %s", page.getFileName()).startsWith("# ");
            assertThat(String.join("\n", lines.subList(0, Math.min(6, lines.size()))))
                .as("opening of %s", page.getFileName()).contains("](../README.md)");
        }
    }

    @Test
    void theReadmeShowsTheTestCommandThatCiRuns() throws IOException {
        // given: the command .ci/run runs after its comment naming the README
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
        int comment = ci.indexOf("# README \"Run the tests\":");
        assertThat(comment).as(".ci/run names the README's test command").isNotNegative();
        String command = ci.get(comment + 1).strip();

        // when
        String readme = Files.readString(README, StandardCharsets.UTF_8).replace("\r\n", "\n");

        // then
        assertThat(command).isEqualTo("mvn -B verify");
        assertThat(readme.contains("## The two commands\n") && readme.contains("```sh\n" + command + "\n```"))
            .as("README.md's section \"The two commands\" shows the command .ci/run runs, `%s`", command).isTrue();
    }

    @Test
    void aBrokenFileOrAnchorIsReported(@TempDir Path root) throws IOException {
        // given
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# Page A\n\n## The MQTT engine\n");
        Path readme = Files.writeString(root.resolve("README.md"), String.join("\n",
            "[ok](docs/a.md#the-mqtt-engine) [gone](docs/b.md) [bad anchor](docs/a.md#the-engine)",
            "![ok](docs/a.md) [web](https://example.com/x.md) [self](#nothing-here) `[code](docs/c.md)`",
            "```", "[fenced](docs/d.md)", "```", ""));

        // when
        List<String> problems = new ArrayList<>();
        for (MarkdownLinks.Link link : MarkdownLinks.links(readme)) {
            String problem = MarkdownLinks.problem(root, link);
            if (problem != null) {
                problems.add(link.target() + ": " + problem);
            }
        }

        // then
        assertThat(problems).containsExactly(
            "docs/b.md: docs/b.md does not exist",
            "docs/a.md#the-engine: docs/a.md has no heading with the anchor #the-engine",
            "#nothing-here: README.md has no heading with the anchor #nothing-here");
    }

    @Test
    void slugsAreGitHubs() {
        // then
        assertThat(MarkdownLinks.slug("The MQTT engine")).isEqualTo("the-mqtt-engine");
        assertThat(MarkdownLinks.slug("Failover to a backup server")).isEqualTo("failover-to-a-backup-server");
        assertThat(MarkdownLinks.slug("QoS and the queue")).isEqualTo("qos-and-the-queue");
        assertThat(MarkdownLinks.slug("`require_time`, TLS-PSK & [links](x.md)")).isEqualTo("require_time-tls-psk--links");
        assertThat(MarkdownLinks.slug("Installing into Felix/Equinox")).isEqualTo("installing-into-felixequinox");
    }
}
