package dev.tether.gateway;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Constants;

/** The Felix framework properties of the gateway, from its settings. */
final class FrameworkProperties {

    private FrameworkProperties() {
    }

    /**
     * @param settings    the gateway's settings
     * @param interactive true to give Gogo the terminal
     * @return the properties for {@code FrameworkFactory.newFramework}
     */
    static Map<String, String> of(GatewaySettings settings, boolean interactive) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, settings.cacheDir().toString());
        // keep the cache across restarts: ConfigAdmin and Tether's message queue live in bundle data areas
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        // only errors from the framework itself; bundles log through the log service / slf4j
        properties.put("felix.log.level", "1");

        properties.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        properties.put("felix.webconsole.username", GatewaySettings.CONSOLE_USER);
        properties.put("felix.webconsole.password", settings.consolePassword());

        properties.put("felix.fileinstall.dir", settings.confDir().toString());
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.log.level", "2");
        // web console edits go to the .cfg file (FileInstall's default, said here because the gateway relies on it)
        properties.put("felix.fileinstall.enableConfigSave", "true");
        // not felix.fileinstall.noInitialDelay=true: FileInstall would then race its own write-back at start and about
        // one start in twenty (one in seven elsewhere) emptied Tether's .cfg file (see ConfigurationSeed). The gateway
        // hands the file to ConfigAdmin itself on a first start, so FileInstall's initial delay no longer holds Tether up

        if (!interactive) {
            // without a terminal, Gogo's shell would read end-of-file at once and stop the framework
            properties.put("gosh.args", "--nointeractive");
        }
        return properties;
    }
}
