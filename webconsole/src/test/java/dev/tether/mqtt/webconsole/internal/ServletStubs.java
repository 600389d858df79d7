package dev.tether.mqtt.webconsole.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Just enough of a request and a response for the servlet, as proxies: what a test does not set
 * answers null, 0 or false. Requests look like the console's: context "", servlet path
 * /system/console, the pluginRoot and appRoot attributes set.
 */
final class ServletStubs {

    static final String APP_ROOT = "/system/console";
    static final String PLUGIN_ROOT = APP_ROOT + "/tether";

    private ServletStubs() {
    }

    static HttpServletRequest request(String method, String uri, Map<String, String> parameters) {
        Map<String, Object> attributes = Map.of("felix.webconsole.pluginRoot", PLUGIN_ROOT,
            "felix.webconsole.appRoot", APP_ROOT);
        return proxy(HttpServletRequest.class, (call, args) -> switch (call.getName()) {
            case "getMethod" -> method;
            case "getRequestURI" -> uri;
            case "getProtocol" -> "HTTP/1.1";
            case "getContextPath" -> "";
            case "getServletPath" -> APP_ROOT;
            case "getParameter" -> parameters.get((String) args[0]);
            case "getAttribute" -> attributes.get((String) args[0]);
            case "getDateHeader" -> -1L;
            default -> null;
        });
    }

    /** A response that keeps what the servlet sets. */
    static final class Response {

        private final StringWriter body = new StringWriter();
        private final PrintWriter writer = new PrintWriter(body);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ServletOutputStream output = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        private final Map<String, String> headers = new HashMap<>();
        private int status = 200;
        private String contentType;

        final HttpServletResponse stub = proxy(HttpServletResponse.class, (call, args) -> {
            switch (call.getName()) {
                case "setStatus" -> status = (Integer) args[0];
                case "getStatus" -> {
                    return status;
                }
                case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                case "getHeader" -> {
                    return headers.get((String) args[0]);
                }
                case "setContentType" -> contentType = (String) args[0];
                case "getContentType" -> {
                    return contentType;
                }
                case "getWriter" -> {
                    return writer;
                }
                case "getOutputStream" -> {
                    return output;
                }
                default -> {
                    // setCharacterEncoding and the rest: nothing to keep
                }
            }
            return null;
        });

        int status() {
            return status;
        }

        String header(String name) {
            return headers.get(name);
        }

        String contentType() {
            return contentType;
        }

        /** @return what was written, through the writer or the output stream */
        String body() {
            writer.flush();
            return body + bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(Method call, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(ServletStubs.class.getClassLoader(), new Class<?>[] { type },
            (proxy, call, args) -> {
                Object result = answer.answer(call, args);
                return result != null ? result : defaultValue(call.getReturnType());
            }));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
