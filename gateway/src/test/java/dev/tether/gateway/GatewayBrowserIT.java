package dev.tether.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Ports;

/**
 * An operator's round in the web console, in headless Chromium: the "Tether MQTT" configuration shows every property
 * of Tether's metatype and no password; a server saved there is used at once, the "Tether MQTT" status page shows
 * it, and its "Reconnect now" reconnects.
 *
 * <p>Screenshots of each step go to {@code target/screenshots/} (and of the failure, with the page's HTML). With
 * {@code -Dtether.docs.screenshots=true} the config dialog and the final status page are also copied to
 * {@code docs/gateway-config.png} and {@code docs/gateway-status.png}.
 */
class GatewayBrowserIT {

    private static final String PID = "dev.tether.mqtt";
    private static final String CONNECTION = "default";
    private static final String CONFIG_ROW =
        "//table[@id='configTable']//tr[.//span[@class='pid' and text()='" + PID + "']]";
    private static final String STATUS_PAGE = "/system/console/tether";
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(25);
    private static final Pattern HEALTH_CONNECTED = Pattern.compile("\"state\"\\s*:\\s*\"CONNECTED\"");
    private static final String USER = "gateway";
    /** Different each run, so that finding it anywhere means it leaked. */
    private static final String SECRET = "pw-" + UUID.randomUUID();

    @TempDir
    Path data;

    private List<Metatype.Attribute> metatype;
    private GatewayProcess gateway;
    private String clientId;
    private HeadlessChromium chromium;
    private WebDriver driver;
    private EmbeddedMoquette secondBroker;
    private MqttProbe probe;

    /** Runs after the test and before {@link #stopAll()}, while the browser still shows what went wrong. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && chromium != null) {
            chromium.saveEvidence("failure-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void clearScreenshots() throws IOException {
        HeadlessChromium.clearScreenshots(GatewayProcess.targetDir());
    }

    @BeforeEach
    void startGatewayAndBrowser() throws Exception {
        // per test, not in @BeforeAll: a class skipped there shows as "Tests run: 0, Skipped: 0" in Maven's summary
        HeadlessChromium.assumeInstalled("GatewayBrowserIT");
        metatype = Metatype.attributes(Metatype.bundle(GatewayProcess.bundlesDir(), PID), PID);
        int[] ports = Ports.free(2);
        // the operator's file, with a password the console must never show
        Files.createDirectories(data.resolve("conf"));
        Files.write(data.resolve("conf").resolve(PID + ".cfg"), List.of("enable=true",
            "server=localhost:" + ports[0], "user=" + USER, "pass=" + SECRET), StandardCharsets.UTF_8);
        gateway = GatewayProcess.builder(data)
            .property("tether.broker.port", ports[0]).property("tether.http.port", ports[1]).start();
        clientId = gateway.awaitConnected().clientId();
        chromium = HeadlessChromium.start(GatewayProcess.targetDir());
        driver = chromium.driver();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        try {
            if (gateway != null) {
                gateway.close();
                assertThat(gateway.output()).as("the gateway's output never shows the password")
                    .noneMatch(line -> line.contains(SECRET));
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
            if (secondBroker != null) {
                secondBroker.close();
            }
        }
    }

    @Test
    void configDialogShowsEveryPropertyButNoPassword() throws Exception {
        WebElement form = openConfigDialog();

        assertThat(metatype).extracting(Metatype.Attribute::id)
            .contains("enable", "server", "client_id", "user", "pass");
        String dialogText = dialog().getText();
        SoftAssertions properties = new SoftAssertions();
        for (Metatype.Attribute attribute : metatype) {
            List<WebElement> fields = form.findElements(By.name(attribute.id()));
            properties.assertThat(fields).as("a visible field named %s", attribute.id())
                .anyMatch(WebElement::isDisplayed);
            properties.assertThat(dialogText).as("the label of %s", attribute.id()).contains(attribute.name());
            if (attribute.password()) {
                properties.assertThat(fields).as("%s is a password input", attribute.id())
                    .allMatch(field -> "password".equals(field.getDomAttribute("type")));
                properties.assertThat(fields).as("%s does not hold the password", attribute.id())
                    .noneMatch(field -> SECRET.equals(field.getDomProperty("value")));
            }
        }
        properties.assertAll();
        // the dialog shows the configuration itself, not just the defaults, so the password was there to leak
        assertThat(form.findElement(By.cssSelector("textarea[name='user']")).getDomProperty("value")).isEqualTo(USER);
        assertThat(form.findElement(By.cssSelector("textarea[name='server']")).getDomProperty("value"))
            .isEqualTo("localhost:" + gateway.brokerPort());
        assertThat(driver.getPageSource()).as("the page's HTML").doesNotContain(SECRET);
        toDocs(chromium.screenshot("1-config-dialog"), "gateway-config.png");
    }

    @Test
    void serverSavedInTheConsoleIsUsedShownAndReconnectedOnRequest() throws Exception {
        secondBroker = EmbeddedMoquette.builder().plain().start();
        probe = MqttProbe.connect(secondBroker.plainPort(), "tether/+/status");
        String newServer = "localhost:" + secondBroker.plainPort();

        WebElement form = openConfigDialog();
        WebElement server = form.findElement(By.cssSelector("textarea[name='server']"));
        server.clear();
        server.sendKeys(newServer);
        chromium.screenshot("2-config-dialog-edited");
        dialog().findElement(By.xpath(".//button[normalize-space()='Save']")).click();
        await("the dialog to close after Save").atMost(CONSOLE_TIMEOUT).until(() -> goneOrHidden(form));

        gateway.awaitLine("'Tether connected to " + newServer + "'",
            line -> line.startsWith("Tether connected to ") && line.contains(newServer), CONSOLE_TIMEOUT);
        Map<String, String> connected = awaitStatus("state CONNECTED and server " + newServer,
            fields -> connected(fields) && fields.get("server").contains(newServer));
        Instant connectedSeen = Instant.now();
        assertThat(connected).containsEntry("client_id", clientId).containsKeys("connected_since", "last_error",
            "reconnect_attempts", "queued", "in_flight", "oldest_queued_age", "dropped", "sent", "received");
        assertThat(listeners("tether/" + clientId + "/cmd/#")).as("the example's ping listener, re-subscribed")
            .isGreaterThanOrEqualTo(1);
        chromium.screenshot("3-status-connected");
        probe.await("the example's health message at the new server",
            message -> message.topic().equals("tether/" + clientId + "/status")
                && HEALTH_CONNECTED.matcher(message.payload()).find(), HEALTH_TIMEOUT);
        await("FileInstall writing the console's edit back to " + PID + ".cfg, password kept")
            .atMost(CONSOLE_TIMEOUT).until(() -> Files.readString(data.resolve("conf").resolve(PID + ".cfg")),
                text -> text.contains(newServer) && text.contains(SECRET));

        // connected_since is shown to the second: reconnect in a later second than the connection, or it cannot change
        await("the clock past the second of the connection").atMost(Duration.ofSeconds(2))
            .until(() -> Instant.now().getEpochSecond() > connectedSeen.getEpochSecond());
        String connectedSince = withoutAge(connected.get("connected_since"));
        long connectedLines = connectedLines();
        driver.get(gateway.consoleUrlWithLogin(STATUS_PAGE));
        driver.findElement(By.xpath("//table[contains(@class,'tether-connection') and @data-connection='" + CONNECTION
            + "']/following::form[contains(@class,'tether-reconnect')][1]//button[@type='submit']")).click();

        awaitStatus("state CONNECTED again, connected since a time after " + connectedSince,
            fields -> connected(fields) && !withoutAge(fields.get("connected_since")).equals(connectedSince));
        await("another 'Tether connected to' line from the launcher").atMost(CONSOLE_TIMEOUT)
            .until(() -> connectedLines() > connectedLines);
        toDocs(chromium.screenshot("4-status-after-reconnect"), "gateway-status.png");
    }

    /** Opens the configuration list, finds the "Tether MQTT" row, clicks it, and returns the dialog's form. */
    private WebElement openConfigDialog() {
        driver.get(gateway.consoleUrlWithLogin("/system/console/configMgr"));
        WebElement row = await("the row of PID " + PID + " in the configuration list").atMost(CONSOLE_TIMEOUT)
            .ignoreExceptions().until(() -> driver.findElement(By.xpath(CONFIG_ROW)), Objects::nonNull);
        assertThat(row.getText()).as("the row's name").contains("Tether MQTT");
        row.findElement(By.cssSelector("span.pid")).click();
        return await("the configuration dialog").atMost(CONSOLE_TIMEOUT).ignoreExceptions()
            .until(() -> driver.findElement(By.cssSelector("form#editorForm")), WebElement::isDisplayed);
    }

    /** @return the jQuery UI dialog around the configuration form */
    private WebElement dialog() {
        return driver.findElement(By.xpath("//form[@id='editorForm']/ancestor::div"
            + "[contains(concat(' ', normalize-space(@class), ' '), ' ui-dialog ')][1]"));
    }

    /** Reloads the status page until the default connection's fields match; returns them. */
    private Map<String, String> awaitStatus(String description, Predicate<Map<String, String>> expected) {
        return await(description + " on the status page").atMost(CONSOLE_TIMEOUT)
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> {
                driver.get(gateway.consoleUrlWithLogin(STATUS_PAGE));
                return connectionFields();
            }, expected);
    }

    /** @return field name to value, from the rows {@code <tr data-field="FIELD"><th>Label</th><td>value</td></tr>} */
    private Map<String, String> connectionFields() {
        WebElement table = driver.findElement(
            By.cssSelector("table.tether-connection[data-connection='" + CONNECTION + "']"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (WebElement row : table.findElements(By.cssSelector("tr[data-field]"))) {
            fields.put(row.getDomAttribute("data-field"), row.findElement(By.tagName("td")).getText().trim());
        }
        return fields;
    }

    private int listeners(String filter) {
        return Integer.parseInt(driver.findElement(By.xpath("//table[contains(@class,'tether-subscriptions') and "
            + "@data-connection='" + CONNECTION + "']//tr[@data-filter='" + filter + "']/td[@class='listeners']"))
            .getText().trim());
    }

    private static boolean connected(Map<String, String> fields) {
        String state = fields.getOrDefault("state", "");
        return state.equals("CONNECTED") || state.startsWith("CONNECTED ");
    }

    /** "2026-01-01T10:00:00Z (for 3 s)" to "2026-01-01T10:00:00Z": the age changes with every reload. */
    private static String withoutAge(String since) {
        int age = since.indexOf(" (");
        return age < 0 ? since : since.substring(0, age);
    }

    private long connectedLines() {
        return gateway.output().stream().filter(line -> line.startsWith("Tether connected to ")).count();
    }

    private static boolean goneOrHidden(WebElement element) {
        try {
            return !element.isDisplayed();
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    /** With {@code -Dtether.docs.screenshots=true}: copies a screenshot to the repository's {@code docs/}. */
    private static void toDocs(Path screenshot, String name) throws IOException {
        if (!Boolean.getBoolean("tether.docs.screenshots")) {
            return;
        }
        Path docs = Files.createDirectories(GatewayProcess.targetDir().getParent().getParent().resolve("docs"));
        Files.copy(screenshot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[test] " + docs.resolve(name) + " updated");
    }
}
