package dev.tether.mqtt.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.webconsole.internal.StatusPage.Notice;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The "Tether MQTT" page of the Felix Web Console: every connection's status, and "Reconnect now".
 * <p>
 * The console wraps a plain servlet: for a GET of {@code /system/console/tether} it writes its
 * head and menu, calls {@link #doGet} for the content, then its footer. A GET of a name with an
 * extension ({@code tether.json}) and every other method reach this servlet alone, so the JSON
 * and the POST write whole responses. The style sheet and the page's script are served here too,
 * not from a {@code res/} folder: the console serves those without a content type. Nothing is
 * loaded from elsewhere: the page works where the console has no way out to the internet.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + TetherStatusPlugin.LABEL,
    "felix.webconsole.title=Tether MQTT",
    "felix.webconsole.category=MQTT",
    "felix.webconsole.css=/" + TetherStatusPlugin.LABEL + "/" + TetherStatusPlugin.STYLE_SHEET
})
public final class TetherStatusPlugin extends HttpServlet {

    static final String LABEL = "tether";
    static final String STYLE_SHEET = "tether.css";
    static final String RECONNECTED = "reconnected";
    static final String RECONNECT_FAILED = "reconnect_failed";

    private static final long serialVersionUID = 1L;
    private static final String PLUGIN_ROOT_ATTRIBUTE = "felix.webconsole.pluginRoot";
    private static final String APP_ROOT_ATTRIBUTE = "felix.webconsole.appRoot";

    private final transient Connections connections = new Connections();
    private final transient Clock clock;

    /** For DS. */
    public TetherStatusPlugin() {
        this(Clock.systemUTC());
    }

    TetherStatusPlugin(Clock clock) {
        this.clock = clock;
    }

    @Reference(name = "connections", service = MqttService.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, unbind = "unbindConnection")
    void bindConnection(MqttService service, Map<String, Object> properties) {
        connections.add(connectionName(properties), service);
    }

    void unbindConnection(MqttService service, Map<String, Object> properties) {
        connections.remove(connectionName(properties), service);
    }

    // The service property, not connectionName(): it is there at unbind, when the service may be gone.
    private static String connectionName(Map<String, Object> properties) {
        return properties.get(MqttService.CONNECTION_PROPERTY) instanceof String name && !name.isEmpty() ? name
            : MqttService.DEFAULT_CONNECTION;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        String page = uri == null ? "" : uri.substring(uri.lastIndexOf('/') + 1);
        if (page.endsWith(".json")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(StatusJson.render(connections.snapshot()));
        } else if (page.equals(STYLE_SHEET)) {
            resource(response, STYLE_SHEET, "text/css");
        } else if (page.equals(StatusPage.SCRIPT)) {
            resource(response, StatusPage.SCRIPT, "text/javascript");
        } else if (page.contains(".") && !page.endsWith(".html")) {
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found: " + page);
        } else {
            // the console has set the content type and written its head into this writer
            Optional<Notice> notice = parameter(request, RECONNECT_FAILED)
                .map(name -> new Notice("Reconnect failed for " + name + ": " + ConnectionSnapshot.WENT_AWAY, true))
                .or(() -> parameter(request, RECONNECTED)
                    .map(name -> new Notice("Reconnect requested for " + name, false)));
            String appRoot = Optional.ofNullable((String) request.getAttribute(APP_ROOT_ATTRIBUTE))
                .orElse(request.getContextPath() + request.getServletPath());
            response.getWriter().write(new StatusPage(pluginRoot(request), appRoot, clock.instant())
                .render(connections.snapshot(), notice));
        }
    }

    /**
     * {@code action=reconnect&connection=NAME}: reconnects, then redirects (303) to the page with
     * {@code ?reconnected=NAME}, so reloading the page does not post again.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getParameter("action");
        String name = request.getParameter("connection");
        if (!"reconnect".equals(action)) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST,
                "Unknown action '" + action + "': the only action is reconnect");
            return;
        }
        Optional<MqttService> service = name == null ? Optional.empty() : connections.get(name);
        if (service.isEmpty()) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST,
                name == null ? "Missing parameter 'connection'" : "No Tether connection named '" + name + "'");
            return;
        }
        String outcome;
        try {
            service.get().reconnect();
            outcome = RECONNECTED;
        } catch (RuntimeException wentAway) {
            outcome = RECONNECT_FAILED;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location",
            pluginRoot(request) + "?" + outcome + "=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private static void resource(HttpServletResponse response, String name, String contentType) throws IOException {
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream resource = TetherStatusPlugin.class.getResourceAsStream(name)) {
            resource.transferTo(response.getOutputStream());
        }
    }

    private static String pluginRoot(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(PLUGIN_ROOT_ATTRIBUTE))
            .orElse(request.getContextPath() + request.getServletPath() + "/" + LABEL);
    }

    private static Optional<String> parameter(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).filter(value -> !value.isEmpty());
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter writer = response.getWriter();
        writer.println(message);
    }
}
