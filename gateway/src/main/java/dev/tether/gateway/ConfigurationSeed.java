package dev.tether.gateway;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * On a first start, hands Tether's {@code .cfg} file to ConfigAdmin before SCR, Tether and FileInstall start, with the
 * properties FileInstall would give it, {@code felix.fileinstall.filename} included. Tether is then configured as soon as
 * it starts, not after FileInstall's first scans (its initial delay plus one poll for the file to look stable: 2 s at a
 * 1 s poll); and when FileInstall scans the file it finds that configuration already there, so it updates nothing and
 * writes nothing back. Later changes to the file, and web console edits written back to it, stay FileInstall's job.
 *
 * <p>Not {@code felix.fileinstall.noInitialDelay=true} instead: FileInstall 3.7.4 then applies the file inside its
 * activator and begins polling at once, while its own configuration listener writes the configuration it just applied
 * back to the file ({@code enableConfigSave}: truncate, then write). A scan that meets the file truncated reports it at
 * once, because a scan checks a changed file twice (the changed-files pass sets the "last" checksum, the known-files pass
 * compares against it) and so takes it for stable; FileInstall reads it empty, updates the configuration to nothing
 * but its file name, and writes that back: an empty {@code .cfg}, and Tether unconfigured. No FileInstall listener is
 * there yet when this class updates ConfigAdmin (ConfigAdmin picks an event's listeners when it fires it), so there is
 * no write-back to race with.
 *
 * <p>Only a plain {@code key=value} file, the kind the gateway writes, is handed over here: no escapes, no
 * {@code ${...}} substitution, no typed values ({@code I"5"}, {@code [...]}), not XML. Anything else is left to
 * FileInstall, which parses those its own way; it then applies the file after its delay, as before. The gateway's
 * class loader cannot see the ConfigAdmin API, so it is called through reflection on the classes of the bundle that
 * registered it.
 */
final class ConfigurationSeed {

    /** What {@link #apply} did. */
    enum Outcome {
        /** the file's properties are in ConfigAdmin */
        SEEDED,
        /** ConfigAdmin already has the PID, from an earlier run: FileInstall compares it with the file */
        ALREADY_CONFIGURED,
        /** not a plain file, or ConfigAdmin not there: FileInstall applies it after its delay */
        LEFT_TO_FILEINSTALL
    }

    /** FileInstall's property naming the file a configuration came from (DirectoryWatcher.FILENAME). */
    static final String FILENAME_PROPERTY = "felix.fileinstall.filename";

    private static final String ADMIN_CLASS = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION_CLASS = "org.osgi.service.cm.Configuration";
    /** FileInstall's (felix utils Properties) test for a typed value, as in {@code enable=B"true"}. */
    private static final Pattern TYPED_VALUE =
        Pattern.compile("\\s*[TILFDXSCBilfdxscb]?(\\[[\\S\\s]*\\]|\\{[\\S\\s]*\\}|\"[\\S\\s]*\")\\s*");
    private static final long ADMIN_TIMEOUT_MILLIS = 10_000;

    private ConfigurationSeed() {
    }

    /**
     * @param context the system bundle's context; ConfigAdmin started, FileInstall not
     * @param pid     the configuration's PID, the file name without {@code .cfg}
     * @param file    the {@code .cfg} file in FileInstall's folder
     * @return what was done
     */
    static Outcome apply(BundleContext context, String pid, Path file) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + ADMIN_CLASS + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            Object admin = tracker.waitForService(ADMIN_TIMEOUT_MILLIS);
            ServiceReference<Object> reference = tracker.getServiceReference();
            if (admin == null || reference == null) {
                System.err.println("[gateway] ConfigAdmin is not there after " + ADMIN_TIMEOUT_MILLIS
                    + " ms; FileInstall will apply " + file.getFileName());
                return Outcome.LEFT_TO_FILEINSTALL;
            }
            Hashtable<String, Object> properties = plainProperties(file);
            if (properties == null) {
                return Outcome.LEFT_TO_FILEINSTALL;
            }
            Class<?> adminType = reference.getBundle().loadClass(ADMIN_CLASS);
            Class<?> configurationType = adminType.getClassLoader().loadClass(CONFIGURATION_CLASS);
            Object[] existing = (Object[]) adminType.getMethod("listConfigurations", String.class)
                .invoke(admin, "(service.pid=" + pid + ")");
            if (existing != null && existing.length > 0) {
                return Outcome.ALREADY_CONFIGURED;
            }
            properties.put(FILENAME_PROPERTY, fileInstallKey(file));
            // "?": bound to no bundle, as FileInstall creates it
            Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, pid, "?");
            configurationType.getMethod("update", Dictionary.class).invoke(configuration, properties);
            return Outcome.SEEDED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.LEFT_TO_FILEINSTALL;
        } catch (IOException | ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                 | InvocationTargetException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            System.err.println("[gateway] cannot give " + file.getFileName() + " to ConfigAdmin (" + cause
                + "); FileInstall will apply it");
            return Outcome.LEFT_TO_FILEINSTALL;
        } finally {
            tracker.close();
        }
    }

    /**
     * @param file a {@code .cfg} file
     * @return its properties as FileInstall reads a plain file (strings, ISO-8859-1, its default encoding), or null if
     *     it is not plain and FileInstall may read it differently
     * @throws IOException if it cannot be read
     */
    static Hashtable<String, Object> plainProperties(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (text.startsWith("<") || text.contains("\\") || text.contains("${")) {
            return null;
        }
        Properties parsed = new Properties();
        parsed.load(new StringReader(text));
        Hashtable<String, Object> properties = new Hashtable<>();
        for (String key : parsed.stringPropertyNames()) {
            String value = parsed.getProperty(key);
            if (TYPED_VALUE.matcher(value).matches() || key.equals(FILENAME_PROPERTY)) {
                return null;
            }
            properties.put(key, value);
        }
        return properties;
    }

    /**
     * @return the file's URI the way FileInstall writes it into {@code felix.fileinstall.filename}: its scanner works on
     *     the canonical folder, and the key is the file's absolute URI
     */
    static String fileInstallKey(Path file) throws IOException {
        File folder = file.toAbsolutePath().getParent().toFile().getCanonicalFile();
        return new File(folder, file.getFileName().toString()).getAbsoluteFile().toURI().toString();
    }
}
