package dev.tether.gateway;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: both given by path, so Selenium
 * Manager never looks for (or downloads) a browser or driver. A fresh profile under {@code target/}, deleted on
 * {@link #close()}; screenshots go to {@code target/screenshots/}.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's paths; {@code -Dtether.chromium=...} and {@code -Dtether.chromedriver=...} point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("tether.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tether.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Chromium's background services (updates, sync, safe browsing lists, QUIC probes) try the network at once; on a
     * closed network that floods refused connections and slows the page loads. None of them matters to a test.
     */
    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile, Path screenshots) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /**
     * Skips the calling test when Chromium or chromedriver is missing, with a banner on stderr that nobody overlooks;
     * but fails it on CI (environment variable {@code CI} set, as CI services do), where a missing browser means a
     * broken build image, not an optional test.
     */
    static void assumeInstalled(String test) {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String reason = test + " needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver);"
            + " missing: " + missing;
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail(reason + ". CI=" + ci + ": on CI a missing browser fails the build instead of skipping the test.");
        }
        String rule = "!".repeat(100);
        System.err.println("\n" + rule + "\n!!! SKIPPED: " + reason + "\n!!! The web console's browser test did NOT"
            + " run. Install them, or run on CI (CI=true), where this is a failure.\n" + rule + "\n");
        assumeTrue(false, "SKIPPED: " + reason);
    }

    /** Deletes the screenshots of an earlier run, so that none of them is taken for this run's. */
    static void clearScreenshots(Path targetDir) throws IOException {
        Path screenshots = targetDir.resolve("screenshots");
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> files = Files.list(screenshots)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * @param targetDir the module's {@code target/}: the profile and the screenshots go there
     * @return a browser with an empty page
     */
    static HeadlessChromium start(Path targetDir) throws IOException {
        Path profile = Files.createTempDirectory(targetDir, "chromium-profile-");
        Path screenshots = Files.createDirectories(targetDir.resolve("screenshots"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(targetDir.resolve("chromedriver.log").toFile())
            .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile);
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options), profile, screenshots);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * @param name the file name without {@code .png}
     * @return the screenshot of the window, {@code target/screenshots/<name>.png}
     */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * For a failed test: the window and the page's HTML, {@code target/screenshots/<name>.png} and {@code .html}.
     * Never throws (it reports instead), so that the test's own failure is what the report shows.
     */
    void saveEvidence(String name) {
        try {
            Path png = screenshot(name);
            Path html = screenshots.resolve(name + ".html");
            Files.writeString(html, driver.getCurrentUrl() + "\n" + driver.getPageSource(), StandardCharsets.UTF_8);
            System.err.println("[test] browser at the failure: " + png + ", " + html);
        } catch (IOException | WebDriverException e) {
            System.err.println("[test] no screenshot of the failure: " + e);
        }
    }

    /** Quits the browser and the driver and deletes the profile; never throws. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException e) {
            System.err.println("[test] quitting Chromium: " + e);
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[test] cannot delete " + folder + ": " + e);
        }
    }
}
