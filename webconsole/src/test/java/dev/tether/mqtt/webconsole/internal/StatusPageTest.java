package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.webconsole.internal.StatusPage.Notice;
import dev.tether.mqtt.webconsole.internal.TestStatus.TestSubscription;

class StatusPageTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"&";

    private final StatusPage page = new StatusPage("/system/console/tether", "/system/console", TestStatus.NOW);

    @Test
    void everyConnectionHasItsFieldsInOrder() {
        Document document = render(TestStatus.connected("default"), TestStatus.connected("plant"));

        assertThat(document.select("table.tether-connection").eachAttr("data-connection"))
            .containsExactly("default", "plant");
        Elements rows = connection(document, "plant").select("tr");
        assertThat(rows.eachAttr("data-field")).containsExactly("state", "server", "client_id", "protocol", "connected_since",
            "last_error", "reconnect_attempts", "queued", "in_flight", "oldest_queued_age", "dropped", "sent",
            "received");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.children()).hasSize(2);
            assertThat(row.child(0).tagName()).isEqualTo("th");
            assertThat(row.child(1).tagName()).isEqualTo("td");
        });
    }

    @Test
    void showsTheStatusValues() {
        Element table = connection(render(TestStatus.connected("default")), "default");

        assertThat(value(table, "state")).isEqualTo("CONNECTED");
        assertThat(table.selectFirst("tr[data-field=state] td span.tether-state.tether-state-connected")).isNotNull();
        assertThat(value(table, "server")).isEqualTo("tcp://localhost:1883");
        assertThat(value(table, "client_id")).isEqualTo("gw-default");
        assertThat(value(table, "protocol")).isEqualTo("MQTT 5, shared subscriptions supported");
        assertThat(value(table, "connected_since")).isEqualTo("2026-01-01T10:00:00Z (for 3 min 12 s)");
        assertThat(value(table, "last_error")).isEqualTo("\u2014");
        assertThat(value(table, "reconnect_attempts")).isEqualTo("0");
        assertThat(value(table, "queued")).isEqualTo("5");
        assertThat(value(table, "in_flight")).isEqualTo("2");
        assertThat(value(table, "oldest_queued_age")).isEqualTo("42 s");
        assertThat(value(table, "dropped")).isEqualTo("3");
        assertThat(value(table, "sent")).isEqualTo("1234");
        assertThat(value(table, "received")).isEqualTo("567");
    }

    @Test
    void marksTheBackupServer() {
        Element table = connection(render(TestStatus.connected("default").onBackup("tcp://backup:1883")), "default");

        assertThat(value(table, "server")).isEqualTo("tcp://backup:1883 (backup server)");
    }

    @Test
    void absentValuesShowADash() {
        TestStatus disconnected = TestStatus.connected("default")
            .withState(ConnectionState.DISCONNECTED, Optional.empty()).withNothingQueued();

        Element table = connection(render(disconnected), "default");

        assertThat(value(table, "state")).isEqualTo("DISCONNECTED");
        assertThat(value(table, "connected_since")).isEqualTo("\u2014");
        assertThat(value(table, "oldest_queued_age")).isEqualTo("\u2014");
    }

    @Test
    void listsTheSubscriptions() {
        Element table = render(TestStatus.connected("default"))
            .selectFirst("table.tether-subscriptions[data-connection=default]");

        assertThat(table.select("tr").first().select("th").eachText())
            .containsExactly("Topic filter", "QoS", "Granted", "Listeners");
        Elements rows = table.select("tr[data-filter]");
        assertThat(rows.eachAttr("data-filter")).containsExactly("home/+/cmd", "tether/gw/#");
        assertThat(rows.get(0).select("td.filter").text()).isEqualTo("home/+/cmd");
        assertThat(rows.get(0).select("td.qos").text()).isEqualTo("1");
        assertThat(rows.get(0).select("td.granted").text()).isEqualTo("1");
        assertThat(rows.get(0).select("td.listeners").text()).isEqualTo("2");
        assertThat(rows.get(1).select("td.granted").text()).as("not granted (yet)").isEqualTo("\u2014");
    }

    @Test
    void saysWhenThereAreNoSubscriptions() {
        Element table = render(TestStatus.connected("default").withSubscriptions())
            .selectFirst("table.tether-subscriptions[data-connection=default]");

        assertThat(table.select("tr[data-filter]")).isEmpty();
        assertThat(table.text()).contains("no subscriptions");
    }

    @Test
    void offersReconnectForEachConnection() {
        Element form = render(TestStatus.connected("plant")).selectFirst("form.tether-reconnect");

        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/system/console/tether");
        assertThat(form.selectFirst("input[type=hidden][name=action]").val()).isEqualTo("reconnect");
        assertThat(form.selectFirst("input[type=hidden][name=connection]").val()).isEqualTo("plant");
        assertThat(form.selectFirst("button[type=submit]").text()).isEqualTo("Reconnect now");
    }

    @Test
    void escapesATopicFilterAndAnError() {
        ConnectionStatus hostile = TestStatus.connected("default").withLastError(HOSTILE)
            .withSubscriptions(new TestSubscription(HOSTILE, 0, 1));

        String html = page.render(List.of(new ConnectionSnapshot("default", Optional.of(hostile))), Optional.empty());

        assertThat(html).doesNotContain("<script>").doesNotContain("alert('x')");
        Document document = Jsoup.parseBodyFragment(html);
        assertThat(document.select("script")).as("only the page's own script").hasSize(1)
            .allSatisfy(script -> assertThat(script.attr("src")).isEqualTo("/system/console/tether/tether.js"));
        assertThat(value(connection(document, "default"), "last_error")).isEqualTo(HOSTILE);
        Element row = document.selectFirst("table.tether-subscriptions tr[data-filter]");
        assertThat(row.attr("data-filter")).isEqualTo(HOSTILE);
        assertThat(row.select("td.filter").text()).isEqualTo(HOSTILE);
    }

    @Test
    void keepsDollarAndBackslashAwayFromTheConsolesVariableFilter() {
        String filter = "a/${brand.name}/\\${x}";
        ConnectionStatus status = TestStatus.connected("default").withSubscriptions(new TestSubscription(filter, 0, 1));

        String html = page.render(List.of(new ConnectionSnapshot("default", Optional.of(status))), Optional.empty());

        assertThat(html).doesNotContain("$").doesNotContain("\\");
        Element row = Jsoup.parseBodyFragment(html).selectFirst("tr[data-filter]");
        assertThat(row.attr("data-filter")).isEqualTo(filter);
        assertThat(row.select("td.filter").text()).isEqualTo(filter);
    }

    @Test
    void masksUserInfoInTheServerAndTheLastError() {
        ConnectionStatus status = TestStatus.connected("default").withServer("ssl://user:s3cret@broker:8883")
            .withLastError("connect to tcp://user:s3cret@broker:1883 failed: refused");

        String html = page.render(List.of(new ConnectionSnapshot("default", Optional.of(status))), Optional.empty());

        assertThat(html).doesNotContain("s3cret");
        Element table = connection(Jsoup.parseBodyFragment(html), "default");
        assertThat(value(table, "server")).isEqualTo("ssl://***@broker:8883");
        assertThat(value(table, "last_error")).isEqualTo("connect to tcp://***@broker:1883 failed: refused");
    }

    @Test
    void masksTheServerAsConfiguredWhereAnErrorQuotesIt() {
        ConnectionStatus status = TestStatus.connected("default").withServer("user:s3cret@broker:99999")
            .withLastError("invalid configuration: server='user:s3cret@broker:99999': port 99999 is out of range");

        String html = page.render(List.of(new ConnectionSnapshot("default", Optional.of(status))), Optional.empty());

        assertThat(html).doesNotContain("s3cret");
        Element table = connection(Jsoup.parseBodyFragment(html), "default");
        assertThat(value(table, "server")).isEqualTo("***@broker:99999");
        assertThat(value(table, "last_error")).startsWith("invalid configuration: server='***@broker:99999'");
    }

    @Test
    void withoutConnectionsPointsToTheConfiguration() {
        Document document = Jsoup.parseBodyFragment(page.render(List.of(), Optional.empty()));

        Element none = document.selectFirst("p.tether-none");
        assertThat(none.text()).contains("no enabled Tether connection");
        assertThat(none.selectFirst("a").attr("href")).isEqualTo("/system/console/configMgr/dev.tether.mqtt");
        assertThat(document.select("table, form")).isEmpty();
    }

    @Test
    void aConnectionThatWentAwayShowsSoWithoutAForm() {
        Document document = Jsoup.parseBodyFragment(
            page.render(List.of(ConnectionSnapshot.gone("plant")), Optional.empty()));

        assertThat(value(connection(document, "plant"), "state")).isEqualTo("connection went away");
        assertThat(document.select("form, table.tether-subscriptions")).isEmpty();
    }

    @Test
    void aStatusThatFailsWhileRenderedShowsAsGone() {
        ConnectionStatus failing = new TestStatus("default") {
            @Override
            public List<SubscriptionStatus> subscriptions() {
                throw new IllegalStateException("connection closed");
            }
        };

        Document document = Jsoup.parseBodyFragment(
            page.render(List.of(new ConnectionSnapshot("default", Optional.of(failing))), Optional.empty()));

        assertThat(document.select("table.tether-connection")).hasSize(1);
        assertThat(value(connection(document, "default"), "state")).isEqualTo("connection went away");
    }

    @Test
    void showsTheNoticeEscaped() {
        Notice notice = new Notice("Reconnect requested for " + HOSTILE, false);

        Document document = Jsoup.parseBodyFragment(page.render(List.of(), Optional.of(notice)));

        assertThat(document.select("script")).isEmpty();
        assertThat(document.selectFirst("p.tether-notice").text()).isEqualTo("Reconnect requested for " + HOSTILE);
    }

    @Test
    void linksToRefreshAndTheJson() {
        Document document = Jsoup.parseBodyFragment(page.render(List.of(), Optional.empty()));

        assertThat(document.selectFirst("a.tether-refresh").attr("href")).isEqualTo("/system/console/tether");
        assertThat(document.selectFirst("a.tether-json").attr("href")).isEqualTo("/system/console/tether.json");
    }

    @Test
    void loadsThePagesScriptFromThePluginItself() {
        Document document = render(TestStatus.connected("default"), TestStatus.connected("plant"));

        assertThat(document.select("script")).hasSize(1);
        assertThat(document.selectFirst("script").attr("src")).isEqualTo("/system/console/tether/tether.js");
        assertThat(document.select("script").html()).isEmpty();
        assertThat(document.selectFirst("p.statline span.tether-live-status")).isNotNull();
    }

    @Test
    void withoutConnectionsThereIsNoScript() {
        Document document = Jsoup.parseBodyFragment(page.render(List.of(), Optional.empty()));

        assertThat(document.select("script, .tether-live-status")).isEmpty();
    }

    @Test
    void everyConnectionHasAChartForTheScriptToDraw() {
        Document document = render(TestMetrics.some(), TestStatus.connected("default"), TestStatus.connected("plant"));

        assertThat(document.select("div.tether-chart").eachAttr("data-connection")).containsExactly("default", "plant");
        assertThat(document.select("body > div.tether-section")).as("sections side by side, none inside another")
            .hasSize(2).allSatisfy(section -> assertThat(section.select("div.tether-chart")).hasSize(1));
        assertThat(document.selectFirst("div.tether-chart[data-connection=default]").text())
            .isEqualTo("Waiting for the first samples\u2026");
        assertThat(document.select("div.tether-section").get(0).select("h3.tether-subtitle").eachText())
            .containsExactly("Messages per second and queue depth, last 15 minutes", "Events, newest first");
    }

    @Test
    void theTimelineShowsTheEventsNewestFirst() {
        Element timeline = render(TestMetrics.some(), TestStatus.connected("default"))
            .selectFirst("table.tether-events[data-connection=default]");

        assertThat(timeline.select("thead th").eachText()).containsExactly("Time", "Event", "Detail");
        assertThat(timeline.select("thead th")).allSatisfy(th -> assertThat(th.hasClass("ui-widget-header")).isTrue());
        Elements rows = timeline.select("tbody tr.tether-event");
        assertThat(rows.eachAttr("data-type")).containsExactly("CONNECTED", "ATTEMPT_FAILED", "CONNECTION_LOST");
        assertThat(rows.get(0).select("td.time").text()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(rows.get(0).selectFirst("td.type span.tether-event-type.tether-event-connected").text())
            .isEqualTo("CONNECTED");
        assertThat(rows.get(0).select("td.type span.count")).as("no count for a single event").isEmpty();
        assertThat(rows.get(0).select("td.detail").text()).isEqualTo("tcp://localhost:1883 with MQTT 5");
        assertThat(rows.get(1).select("td.type").text()).isEqualTo("ATTEMPT_FAILED \u00d73");
        assertThat(rows.get(1).select("td.type span.count").text()).isEqualTo("\u00d73");
        assertThat(rows.get(2).select("td.time").text()).isEqualTo("2026-01-01T09:59:00Z");
        assertThat(rows.get(2).select("td.detail").text()).isEqualTo("connection reset");
    }

    @Test
    void saysWhenThereAreNoEventsYet() {
        Element timeline = render(TestMetrics.none(), TestStatus.connected("default"))
            .selectFirst("table.tether-events[data-connection=default]");

        assertThat(timeline.select("tr.tether-event")).isEmpty();
        assertThat(timeline.select("tbody tr.tether-empty").text()).isEqualTo("no events yet");
    }

    @Test
    void saysWhenTheConnectionGaveNoMetrics() {
        Document document = render(TestStatus.connected("default"));

        assertThat(document.select("table.tether-events tbody tr.tether-empty").text())
            .isEqualTo("no metrics: the connection could not give them");
        assertThat(document.select("div.tether-chart").text())
            .isEqualTo("no metrics: the connection could not give them");
    }

    @Test
    void escapesAndMasksEventDetails() {
        ConnectionStatus status = TestStatus.connected("default").withServer("tcp://user:s3cret@broker:1883");
        TestMetrics metrics = new TestMetrics(List.of(), List.of(
            new ConnectionMetrics.Event(TestStatus.NOW, "SUBSCRIPTION_FAILED", HOSTILE + " a/${x}", 1),
            new ConnectionMetrics.Event(TestStatus.NOW, "CONNECTED", "tcp://user:s3cret@broker:1883 with MQTT 5", 1)));

        String html = page.render(List.of(new ConnectionSnapshot("default", Optional.of(status), Optional.of(metrics))),
            Optional.empty());

        assertThat(html).doesNotContain("s3cret").doesNotContain("<script>").doesNotContain("$");
        Elements details = Jsoup.parseBodyFragment(html).select("table.tether-events td.detail");
        assertThat(details.eachText()).containsExactly("tcp://***@broker:1883 with MQTT 5", HOSTILE + " a/${x}");
    }

    @Test
    void aConnectionThatWentAwayHasNoChartNorTimeline() {
        Document document = Jsoup.parseBodyFragment(
            page.render(List.of(ConnectionSnapshot.gone("plant")), Optional.empty()));

        assertThat(document.select("div.tether-chart, table.tether-events")).isEmpty();
        assertThat(document.select("body > div.tether-section")).hasSize(1);
    }

    private Document render(TestMetrics metrics, ConnectionStatus... statuses) {
        List<ConnectionSnapshot> snapshots = List.of(statuses).stream()
            .map(status -> new ConnectionSnapshot(status.connectionName(), Optional.of(status), Optional.of(metrics)))
            .toList();
        return Jsoup.parseBodyFragment(page.render(snapshots, Optional.empty()));
    }

    private Document render(ConnectionStatus... statuses) {
        List<ConnectionSnapshot> snapshots = List.of(statuses).stream()
            .map(status -> new ConnectionSnapshot(status.connectionName(), Optional.of(status))).toList();
        return Jsoup.parseBodyFragment(page.render(snapshots, Optional.empty()));
    }

    private static Element connection(Document document, String name) {
        return document.selectFirst("table.tether-connection[data-connection=" + name + "]");
    }

    private static String value(Element table, String field) {
        return table.selectFirst("tr[data-field=" + field + "] td").text();
    }

    @Test
    void showsWhatTheBrokerDecidedForTheSession() {
        Element table = connection(render(TestStatus.connected("default").withBrokerTerms("auto-7f3a", 30, false)),
            "default");

        assertThat(value(table, "protocol")).isEqualTo("MQTT 5, client id auto-7f3a assigned by the broker, keep alive"
            + " 30 s set by the broker, shared subscriptions not supported");
    }

    @Test
    void showsMqtt311AndNoProtocolWhileNotConnected() {
        assertThat(value(connection(render(TestStatus.connected("default").onMqtt311()), "default"), "protocol"))
            .isEqualTo("MQTT 3.1.1");
        assertThat(value(connection(render(TestStatus.connected("default").withState(ConnectionState.DISCONNECTED,
            Optional.empty())), "default"), "protocol")).isEqualTo("\u2014");
    }

    @Test
    void aRefusedFilterShowsTheBrokersCode() {
        Document document = render(TestStatus.connected("default").withSubscriptions(
            new TestStatus.TestSubscription("secret/#", 1, 1, OptionalInt.empty(), OptionalInt.of(0x87))));

        assertThat(document.select("table.tether-subscriptions tr[data-filter] td.granted").text())
            .isEqualTo("refused (0x87)");
    }
}
