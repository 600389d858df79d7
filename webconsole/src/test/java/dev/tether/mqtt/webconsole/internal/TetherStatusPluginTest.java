package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.webconsole.internal.ServletStubs.Response;
import jakarta.servlet.ServletException;

class TetherStatusPluginTest {

    private final TetherStatusPlugin plugin = new TetherStatusPlugin(Clock.fixed(TestStatus.NOW, ZoneOffset.UTC));
    private final TestService defaultConnection = TestService.connected("default");
    private final TestService plant = TestService.connected("plant");

    TetherStatusPluginTest() {
        plugin.bindConnection(plant, Map.of(MqttService.CONNECTION_PROPERTY, "plant"));
        plugin.bindConnection(defaultConnection, Map.of(MqttService.CONNECTION_PROPERTY, "default"));
    }

    @Test
    void reconnectRedirectsToThePageWithANotice() throws Exception {
        Response response = post(Map.of("action", "reconnect", "connection", "plant"));

        assertThat(plant.reconnects()).isEqualTo(1);
        assertThat(defaultConnection.reconnects()).isZero();
        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/system/console/tether?reconnected=plant");
    }

    @Test
    void theRedirectedPageSaysReconnectWasRequested() throws Exception {
        Document page = Jsoup.parseBodyFragment(get("/system/console/tether", Map.of("reconnected", "plant")).body());

        assertThat(page.selectFirst("p.tether-notice").text()).isEqualTo("Reconnect requested for plant");
    }

    @Test
    void aConnectionThatWentAwayBeforeReconnectRedirectsWithAFailure() throws Exception {
        plant.goAway();

        Response response = post(Map.of("action", "reconnect", "connection", "plant"));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/system/console/tether?reconnect_failed=plant");
        Document page = Jsoup.parseBodyFragment(
            get("/system/console/tether", Map.of("reconnect_failed", "plant")).body());
        assertThat(page.selectFirst("p.tether-notice").text())
            .isEqualTo("Reconnect failed for plant: connection went away");
    }

    @Test
    void anUnknownConnectionIsABadRequest() throws Exception {
        Response response = post(Map.of("action", "reconnect", "connection", "nope"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("text/plain");
        assertThat(response.body()).contains("No Tether connection named 'nope'");
        assertThat(plant.reconnects() + defaultConnection.reconnects()).isZero();
    }

    @Test
    void aMissingConnectionIsABadRequest() throws Exception {
        Response response = post(Map.of("action", "reconnect"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Missing parameter 'connection'");
    }

    @Test
    void anUnknownActionIsABadRequest() throws Exception {
        Response response = post(Map.of("action", "delete", "connection", "plant"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Unknown action 'delete'");
        assertThat(plant.reconnects()).isZero();
    }

    @Test
    void aConnectionUnboundIsNoLongerShownNorReconnectable() throws Exception {
        plugin.unbindConnection(plant, Map.of(MqttService.CONNECTION_PROPERTY, "plant"));

        Document page = Jsoup.parseBodyFragment(get("/system/console/tether", Map.of()).body());
        assertThat(page.select("table.tether-connection").eachAttr("data-connection")).containsExactly("default");
        assertThat(post(Map.of("action", "reconnect", "connection", "plant")).status()).isEqualTo(400);
    }

    @Test
    void thePageShowsDefaultFirst() throws Exception {
        Document page = Jsoup.parseBodyFragment(get("/system/console/tether", Map.of()).body());

        assertThat(page.select("table.tether-connection").eachAttr("data-connection"))
            .containsExactly("default", "plant");
        assertThat(page.select("form.tether-reconnect").eachAttr("action")).containsOnly("/system/console/tether");
    }

    @Test
    void theJsonIsServedAtTetherDotJson() throws Exception {
        Response response = get("/system/console/tether.json", Map.of());

        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).startsWith("[\n{\"connection\":\"default\",")
            .contains("{\"connection\":\"plant\",");
    }

    @Test
    void otherFilesAreNotFound() throws Exception {
        assertThat(get("/system/console/tether/res/missing.css", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void servesItsStyleSheetAsCss() throws Exception {
        Response response = get("/system/console/tether/tether.css", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/css");
        assertThat(response.body()).contains("table.tether-connection");
    }

    @Test
    void servesItsScriptAsJavaScript() throws Exception {
        Response response = get("/system/console/tether/tether.js", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/javascript");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.body()).contains("a.tether-json", "table.tether-events", "div.tether-chart");
        assertThat(response.body().replace("'http://www.w3.org/2000/svg'", "")).as("no URL but SVG's namespace")
            .doesNotContain("http:", "https:", "//cdn");
    }

    @Test
    void theJsonCarriesEachConnectionsHistoryAndEvents() throws Exception {
        String json = get("/system/console/tether.json", Map.of()).body();

        assertThat(json).contains("\"history\":[{\"time\":\"2026-01-01T10:03:05Z\",\"in_per_second\":2.5,")
            .contains("{\"time\":\"2026-01-01T10:00:00.500Z\",\"type\":\"CONNECTED\",");
    }

    private Response get(String uri, Map<String, String> parameters) throws ServletException, IOException {
        Response response = new Response();
        plugin.service(ServletStubs.request("GET", uri, parameters), response.stub);
        return response;
    }

    private Response post(Map<String, String> parameters) throws ServletException, IOException {
        Response response = new Response();
        plugin.service(ServletStubs.request("POST", "/system/console/tether", parameters), response.stub);
        return response;
    }
}
