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
import java.util.regex.Matcher;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Ports;

/**
 * An operator's round in the web console, in headless Chromium: the "Tether MQTT" configuration shows every property
 * of Tether's metatype and no password; a server saved there is used at once, the "Tether MQTT" status page shows
 * it, and its "Reconnect now" reconnects; the status page draws the traffic and lists the connection events as they
 * come, without a reload, and loads nothing from another origin.
 *
 * <p>Screenshots of each step go to {@code target/screenshots/} (and of the failure, with the page's HTML). With
 * {@code -Dtether.docs.screenshots=true} the config dialog and the status page with three minutes of traffic (the
 * status page's test then runs those three minutes: see {@link PingTraffic}) are also copied to
 * {@code docs/gateway-config.png} and {@code docs/gateway-status.png}; {@code -Dit.test=GatewayBrowserIT#statusPage*}
 * renews the second alone.
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
    /** Tether samples every 5 s and the page polls as often: a sample with traffic shows within ~10 s. */
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern PEAKS = Pattern.compile("in \\(peak ([0-9.]+)\\) and out \\(peak ([0-9.]+)\\)");
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
    private PingTraffic traffic;

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
        if (traffic != null) {
            traffic.close();
        }
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
        chromium.screenshot("4-status-after-reconnect");
    }

    @Test
    void statusPageDrawsTheTrafficAndTheEventsLiveFromItsOwnOrigin() throws Exception {
        boolean forDocs = Boolean.getBoolean("tether.docs.screenshots");
        probe = MqttProbe.connect(gateway.brokerPort());
        driver.get(gateway.consoleUrlWithLogin(STATUS_PAGE));
        script("window.tetherNotReloaded = true;");
        traffic = PingTraffic.start(probe, "tether/" + clientId, forDocs);

        // the example answers every ping: messages in and out, both drawn once a sample has them
        await("the chart of " + CONNECTION + " drawing messages in and out").atMost(LIVE_TIMEOUT)
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(this::chartPeaks, both -> both[0] > 0 && both[1] > 0);
        WebElement svg = chart().findElement(By.cssSelector("svg.tether-chart-svg"));
        assertThat(Integer.parseInt(chart().getDomAttribute("data-samples"))).isPositive();
        for (String series : List.of("in", "out", "queued")) {
            assertThat(svg.findElement(By.cssSelector("path.tether-series-" + series)).getDomAttribute("d"))
                .as("the %s series' path", series).startsWith("M");
        }
        assertThat(chart().findElement(By.cssSelector(".tether-legend b.tether-value-in")).getText()).isNotBlank();
        chromium.screenshot("5-status-traffic");

        List<String> types = eventTypes();
        assertThat(types).as("the timeline, newest first").isNotEmpty().first().isEqualTo("CONNECTED");
        assertThat(timeline().findElement(By.cssSelector("tr.tether-event td.detail")).getText())
            .contains("localhost:" + gateway.brokerPort());
        long connects = types.stream().filter("CONNECTED"::equals).count();
        // a reconnect asked for behind the page's back: the page hears of it by polling
        reconnectFromOutsideThePage(forDocs ? traffic.untilTwoThirds() : Duration.ZERO);
        List<String> after = await("a new CONNECTED event on top, without a reload").atMost(LIVE_TIMEOUT)
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(this::eventTypes, now -> now.get(0).equals("CONNECTED")
                && now.stream().filter("CONNECTED"::equals).count() > connects);
        // Moquette sometimes closes the new connection at once (CONNECTION_LOST) and Tether connects once more
        assertThat(after.subList(1, after.size())).as("the events below the new CONNECTED")
            .contains("DISCONNECTED");
        assertThat(script("return window.tetherNotReloaded === true;")).as("the page was never reloaded")
            .isEqualTo(true);

        List<String> loaded = strings(script("""
            return performance.getEntriesByType('resource').map(entry => entry.name)
                .concat(Array.from(document.querySelectorAll('script[src], link[href], img[src], iframe[src]'))
                    .map(element => element.src || element.href));"""));
        assertThat(loaded).as("what the page loaded").anyMatch(url -> url.endsWith("/tether/tether.js"))
            .anyMatch(url -> url.contains("/tether.json"));
        assertThat(strings(script("""
            return arguments[0].filter(url => new URL(url, location.href).origin !== location.origin);""", loaded)))
            .as("loaded from another origin (no CDN)").isEmpty();

        if (forDocs) {
            traffic.awaitEnd();
            // the table is as of the page load; the chart and the timeline come a poll later
            driver.get(gateway.consoleUrlWithLogin(STATUS_PAGE));
            await("the chart drawn again").atMost(LIVE_TIMEOUT).ignoreExceptions()
                .until(this::chartPeaks, both -> both[0] > 0);
            toDocs(chromium.screenshot("6-status-for-docs"), "gateway-status.png");
        }
    }

    private WebElement chart() {
        return driver.findElement(By.cssSelector("div.tether-chart[data-connection='" + CONNECTION + "']"));
    }

    private WebElement timeline() {
        return driver.findElement(By.cssSelector("table.tether-events[data-connection='" + CONNECTION + "']"));
    }

    /** @return the peaks of messages in and out per second the chart says it draws */
    private double[] chartPeaks() {
        String label = chart().findElement(By.cssSelector("svg.tether-chart-svg")).getDomAttribute("aria-label");
        Matcher peaks = PEAKS.matcher(label);
        assertThat(peaks.find()).as("peaks in %s", label).isTrue();
        return new double[] { Double.parseDouble(peaks.group(1)), Double.parseDouble(peaks.group(2)) };
    }

    /** @return the types of the events in the timeline, top to bottom */
    private List<String> eventTypes() {
        return timeline().findElements(By.cssSelector("tbody tr.tether-event")).stream()
            .map(row -> row.getDomAttribute("data-type")).toList();
    }

    /**
     * Posts "Reconnect now" as the page's form would, from a script in the page, so that the page itself stays as it
     * is and can only learn of the new events by polling.
     */
    private void reconnectFromOutsideThePage(Duration after) throws InterruptedException {
        Thread.sleep(after.toMillis());
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            const request = new XMLHttpRequest();
            request.open('POST', document.querySelector('form.tether-reconnect').getAttribute('action'));
            request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            request.onload = () => done(request.status);
            request.onerror = () => done(-1);
            request.send('action=reconnect&connection=' + encodeURIComponent(arguments[0]));""", CONNECTION);
        assertThat(status).as("the answer to the POST, after its redirect").isEqualTo(200L);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
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
