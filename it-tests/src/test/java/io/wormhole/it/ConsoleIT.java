package io.wormhole.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Protocol §8, {@code GET /}: the browser console in a real browser. A node in demo mode
 * publishes Kazoo events on the run's broker; the console fills in the demo token by
 * itself, subscribes to {@code call.*.*} when asked, and shows the events as rows whose
 * payload opens on a click.
 *
 * <p>The browser is Debian's {@code chromium} driven by its {@code chromium-driver}, both
 * named by path, so that nothing is downloaded (Selenium Manager never runs). With
 * {@code -Dconsole.screenshot=/some/file.png} the test also saves what the page looked like.
 */
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestGateway demo = TestGateway.with("GATEWAY_DEMO", "true", "GATEWAY_DEMO_RATE", "200");

    @RegisterExtension
    static final TestGateway plain = TestGateway.with();

    private ChromeDriverService service;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("ConsoleIT drives a real browser and needs Debian's chromium and chromium-driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": install them with `apt-get install chromium chromium-driver`"
                    + " (.ci/run installs them when they are missing)");
        }
        profile = Files.createTempDirectory("wormhole-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1440,900");
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void console_inDemoMode_fillsInTheTokenAndShowsSubscribedEventsAsTheyArrive() throws IOException {
        browser.get("http://127.0.0.1:" + demo.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(b -> !value(b.findElement(By.id("token"))).isEmpty());
        wait.until(b -> b.findElement(By.id("status")).getText().equals("connected"));
        wait.until(b -> !b.findElements(By.cssSelector("#quick button")).isEmpty());
        assertThat(texts("#quick button")).as("one chip per family form, in Kazoo's forms").containsExactly(
                "call.*.*", "doc_created.*.*.*", "doc_edited.*.*.*", "doc_deleted.*.*.*", "object.*.*",
                "fax.status.*", "fax.object.*", "conference.event.*.*.*", "conference.command.*");

        WebElement binding = browser.findElement(By.id("binding"));
        binding.clear();
        binding.sendKeys("call.*.*");
        browser.findElement(By.id("subscribe")).click();

        wait.until(b -> b.findElements(By.cssSelector("#events tbody.event")).size() >= 10);
        assertThat(texts("#subscriptions li span")).containsExactly("call.*.*");
        List<String> subscribedKeys = texts("#events tbody.event td.sub");
        List<String> routingKeys = texts("#events tbody.event td.key");
        List<String> names = texts("#events tbody.event td.name");
        assertThat(subscribedKeys).isNotEmpty().allMatch("call.*.*"::equals);
        assertThat(routingKeys).allMatch(k -> k.startsWith("call.CHANNEL_"));
        assertThat(names).allMatch(n -> n.startsWith("CHANNEL_"));
        wait.until(b -> Integer.parseInt(b.findElement(By.id("rate")).getText()) > 0);

        browser.findElement(By.id("pause")).click();
        browser.findElement(By.cssSelector("#events tbody.event tr.summary")).click();
        String payload = wait.until(b -> b.findElement(By.cssSelector("#events tr.detail pre"))).getText();
        String account = value(browser.findElement(By.id("account")));
        assertThat(payload).contains("\"custom_channel_vars\"", "\"account_id\": \"" + account + "\"",
                "\"call_id\"", "\"event_name\": \"CHANNEL_");

        screenshotIfAsked();
    }

    @Test
    void bindingChip_thenSubscribeButton_sendOneSubscribeRequest() {
        browser.get("http://127.0.0.1:" + demo.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(b -> b.findElement(By.id("status")).getText().equals("connected"));
        WebElement chip = wait.until(b -> b.findElement(By.cssSelector("#quick button")));
        String binding = chip.getText();
        // every request frame the page sends, as the gateway would receive it
        ((JavascriptExecutor) browser).executeScript("window.sentFrames = [];"
                + "const send = WebSocket.prototype.send;"
                + "WebSocket.prototype.send = function (f) { window.sentFrames.push(f); return send.call(this, f); };");

        chip.click();
        browser.findElement(By.id("subscribe")).click(); // the field now shows the chip's binding
        wait.until(b -> texts("#subscriptions li span").contains(binding));
        int logLines = texts("#log li").size();
        browser.findElement(By.id("subscribe")).click();
        wait.until(b -> texts("#log li").size() > logLines);

        List<String> subscribes = new ArrayList<>();
        for (Object frame : (List<?>) ((JavascriptExecutor) browser).executeScript("return window.sentFrames;")) {
            if (String.valueOf(frame).contains("\"action\":\"subscribe\"")) {
                subscribes.add(String.valueOf(frame));
            }
        }
        assertThat(subscribes).as("subscribe requests sent for " + binding).singleElement()
                .satisfies(f -> assertThat(f).contains("\"binding\":\"" + binding + "\""));
    }

    @Test
    void demoToken_isServedOnlyInDemoMode_whileTheConsoleIsServedEverywhere() {
        assertThat(demo.get("/demo/token").status()).isEqualTo(200);
        assertThat(plain.get("/demo/token").status()).isEqualTo(404);
        TestGateway.HttpAnswer page = plain.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Wormhole console</title>");
        assertThat(plain.get("/console/console.js").status()).isEqualTo(200);
        assertThat(plain.get("/console/unknown.js").status()).isEqualTo(404);
    }

    /** The text of every element the selector finds, read in one go (rows come and go meanwhile). */
    private List<String> texts(String css) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent);", css);
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) found) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String value(WebElement input) {
        String v = input.getDomProperty("value");
        return v == null ? "" : v.trim();
    }

    private void screenshotIfAsked() throws IOException {
        String target = System.getProperty("console.screenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
}
