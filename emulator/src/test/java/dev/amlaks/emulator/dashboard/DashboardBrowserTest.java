package dev.amlaks.emulator.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.testing.Tools;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.Https;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium), as a trainer uses
 * it: every action through the page's controls, every answer read off the screen. Each test saves a
 * screenshot under target/dashboard-screenshots.
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    private static Path dataDir;
    private static Path profile;
    private static int port;
    private static Emulator emulator;
    private static ChromeDriver driver;
    private boolean restartExpected;

    @BeforeAll
    static void start() throws IOException {
        Tools.requireCommand("chromium", "apt-get install -y chromium (the dashboard's browser tests drive it headless)");
        Tools.requireCommand("chromedriver", "apt-get install -y chromium-driver (Selenium drives Chromium through it)");
        dataDir = Files.createTempDirectory("dashboard-data");
        profile = Files.createTempDirectory("dashboard-chromium");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        emulator = Emulator.start(config());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Tools.onPath("chromium").getPath());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Tools.onPath("chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // What a projector shows: a 1280×800 page.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1280, "height", 800,
                "deviceScaleFactor", 1, "mobile", false));
        Files.createDirectories(SHOTS);
    }

    private static EmulatorConfig config() {
        return EmulatorConfig.forTests().toBuilder().inMemory(false).dataDir(dataDir).httpPort(port)
                .clockMode(ClockMode.MANUAL).clockStart(Instant.parse("2026-12-01T00:00:00Z")).build();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void fresh() {
        given().baseUri(url()).post("/_emulator/reset").then().statusCode(200);
        given().baseUri(url()).post("/_emulator/scenarios/seed-walkthrough").then().statusCode(200);
        advance(900);
        driver.get(url() + "/");
        waitFor(d -> "live".equals(d.findElement(By.id("live")).getText()));
        waitFor(d -> !d.findElements(By.cssSelector("#workspaces button.picked")).isEmpty());
        driver.manage().logs().get(LogType.BROWSER); // start each test with an empty console
    }

    @AfterEach
    void screenshotAndConsole(TestInfo test) throws IOException {
        if (driver == null) {
            return;
        }
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"), StandardCopyOption.REPLACE_EXISTING);
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // While the emulator restarts, the browser itself reports the refused connections the page retries.
                .filter(e -> !(restartExpected && (e.getMessage().contains("ERR_CONNECTION_REFUSED")
                        || e.getMessage().contains("ERR_INCOMPLETE_CHUNKED_ENCODING"))))
                // A refusal the page provoked on purpose is an HTTP error the browser logs; the page shows it.
                .filter(e -> !e.getMessage().matches(".*the server responded with a status of (400|409) .*"))
                .toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    private static String url() {
        return "http://127.0.0.1:" + port;
    }

    private static void advance(int seconds) {
        given().baseUri(url()).queryParam("seconds", seconds).post("/_emulator/clock/advance").then().statusCode(200);
    }

    private static void waitFor(Predicate<WebDriver> condition) {
        // a row the page re-renders between finding it and reading it is read again at the next poll
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::test);
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static String computeState(String name) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#computes tbody tr[data-key='" + name + "']"));
        return rows.isEmpty() ? null : rows.get(0).getAttribute("data-state");
    }

    private static void fill(String form, String field, String value) {
        WebElement input = driver.findElement(By.cssSelector("#" + form + " [name=" + field + "]"));
        if ("select".equals(input.getTagName())) {
            new Select(input).selectByVisibleText(value);
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }

    private static void tab(String id) {
        byId(id).click();
        waitFor(d -> "true".equals(d.findElement(By.id(id)).getAttribute("aria-selected")));
    }

    private static String coresUsed() {
        tab("tab-quota");
        waitFor(d -> !d.findElements(By.cssSelector("#quota .gauge[data-family=cores] .gauge-value")).isEmpty());
        return driver.findElement(By.cssSelector("#quota .gauge[data-family=cores] .gauge-value")).getText();
    }

    @Test
    @DisplayName("C1: a compute created from the page goes Creating to Succeeded as the clock advances; timeline and quota follow")
    void a_created_compute_goes_from_creating_to_succeeded_as_the_clock_advances() {
        String before = coresUsed();
        Instant startedAt = shownTime();
        tab("tab-computes");
        fill("create-compute", "name", "myaks");
        fill("create-compute", "purpose", "FastProd");
        fill("create-compute", "nodes", "3");
        driver.findElement(By.cssSelector("#create-compute button[type=submit]")).click();
        waitFor(d -> "Creating".equals(computeState("myaks")));
        waitFor(d -> !d.findElements(By.cssSelector("#timeline li[data-status=InProgress]")).isEmpty());
        assertThat(byId("cmd-az").getText()).startsWith("az ml computetarget create aks --name myaks");
        assertThat(byId("cmd-py").getText()).contains("ComputeTarget.create(ws, \"myaks\"");

        byId("clock-10m").click();
        byId("clock-10m").click();
        waitFor(d -> "Succeeded".equals(computeState("myaks")));
        waitFor(d -> !d.findElements(By.cssSelector("#timeline li[data-status=Succeeded]")).isEmpty());
        assertThat(Duration.between(startedAt, shownTime())).isEqualTo(Duration.ofMinutes(20));
        String after = coresUsed();
        assertThat(used(after)).isEqualTo(used(before) + 12);
    }

    private static Instant shownTime() {
        String t = byId("clock-now").getText(); // 2026-12-01 00:35:00 UTC
        return Instant.parse(t.substring(0, 10) + "T" + t.substring(11, 19) + "Z");
    }

    private static int used(String gauge) {
        return Integer.parseInt(gauge.substring(0, gauge.indexOf(' ')));
    }

    @Test
    @DisplayName("L8: a production cluster under 12 vCPUs is refused, and the page shows ARM's error as a client gets it")
    void an_undersized_production_cluster_is_refused_with_the_vcpu_arithmetic() {
        fill("create-compute", "name", "toosmall");
        fill("create-compute", "purpose", "FastProd");
        fill("create-compute", "nodes", "2");
        driver.findElement(By.cssSelector("#create-compute button[type=submit]")).click();
        waitFor(d -> d.findElement(By.id("error")).isDisplayed());
        String error = byId("error").getText();
        assertThat(error).startsWith("400 BadArgument").contains("2 x Standard_D3_v2 (4 vCPUs) = 8 vCPUs")
                .contains("at least 12 cores").contains("'DevTest'");
        assertThat(computeState("toosmall")).isNull();
    }

    @Test
    @DisplayName("A3, D1: attach, attach again (the earlier one turns Failed), detach (the cluster stays)")
    void attach_reattach_and_detach() {
        fill("attach-compute", "name", "myattached");
        driver.findElement(By.cssSelector("#attach-compute button[type=submit]")).click();
        waitFor(d -> "Creating".equals(computeState("myattached")));
        byId("clock-10m").click();
        waitFor(d -> "Succeeded".equals(computeState("myattached")));

        fill("attach-compute", "name", "myreattached");
        driver.findElement(By.cssSelector("#attach-compute button[type=submit]")).click();
        waitFor(d -> "Creating".equals(computeState("myreattached")));
        byId("clock-10m").click();
        waitFor(d -> "Succeeded".equals(computeState("myreattached")));
        waitFor(d -> "Failed".equals(computeState("myattached")));

        driver.findElement(By.xpath("//tr[@data-key='myreattached']//button[text()='Detach']")).click();
        byId("clock-1m").click();
        waitFor(d -> computeState("myreattached") == null);
        tab("tab-clusters");
        waitFor(d -> !d.findElements(By.cssSelector("#clusters tr[data-key=myexistingcluster][data-state=Succeeded]")).isEmpty());
    }

    @Test
    @DisplayName("A fault rule added on the page makes the next compute create fail, and the row shows the error")
    void a_fault_rule_from_the_page_fails_the_next_create() {
        tab("tab-faults");
        fill("add-fault", "kind", "operationFails");
        fill("add-fault", "method", "PUT");
        driver.findElement(By.cssSelector("#add-fault button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#faults tbody tr[data-rule]")).isEmpty());
        tab("tab-computes");
        fill("create-compute", "name", "doomed");
        fill("create-compute", "purpose", "DevTest");
        fill("create-compute", "nodes", "1");
        driver.findElement(By.cssSelector("#create-compute button[type=submit]")).click();
        waitFor(d -> computeState("doomed") != null);
        byId("clock-10m").click();
        byId("clock-10m").click();
        waitFor(d -> "Failed".equals(computeState("doomed")));
        assertThat(driver.findElement(By.cssSelector("#computes tr[data-key=doomed] .errors")).getText()).isNotBlank().isNotEqualTo("–");
        tab("tab-faults");
        waitFor(d -> d.findElement(By.cssSelector("#faults tbody tr[data-rule] td:nth-child(4)")).getText().equals("1"));
        driver.findElement(By.xpath("//tr[@data-rule]//button[text()='Remove']")).click();
        waitFor(d -> d.findElements(By.cssSelector("#faults tbody tr[data-rule]")).isEmpty());
    }

    @Test
    @DisplayName("A scoring call shows in the page's requests beside the ARM calls that made the endpoint")
    void a_scoring_call_is_in_the_requests_beside_arm_calls() throws Exception {
        given().baseUri(url()).post("/_emulator/reset").then().statusCode(200);
        given().baseUri(url()).post("/_emulator/scenarios/deploy-walkthrough").then().statusCode(200);
        advance(900);
        String endpoint = "/subscriptions/" + Arm.SUB + "/resourceGroups/myresourcegroup/providers/"
                + "Microsoft.MachineLearningServices/workspaces/myworkspace/onlineEndpoints/myendpoint";
        String scoringUri = given().baseUri(url()).header("Authorization", "Bearer any").queryParam("api-version", "2022-10-01")
                .get(endpoint).then().statusCode(200).extract().path("properties.scoringUri");
        String key = given().baseUri(url()).header("Authorization", "Bearer any").queryParam("api-version", "2022-10-01")
                .post(endpoint + "/listKeys").then().statusCode(200).extract().path("primaryKey");
        HttpResponse<String> scored = new Https(emulator.trustPem()).send(
                HttpRequest.newBuilder(URI.create(scoringUri)).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json").header("User-Agent", "scoring-client/1.0")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[[1,2]]}")).build());
        assertThat(scored.statusCode()).isEqualTo(200);
        tab("tab-journal");
        byId("journal-refresh").click();
        waitFor(d -> d.findElements(By.cssSelector("#journal tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("POST /api/v1/endpoint/myendpoint/score") && r.getText().contains("200")));
        List<String> rows = driver.findElements(By.cssSelector("#journal tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows.get(0)).as("the newest call, at the top").contains("/score").contains("scoring-client/1.0");
        assertThat(rows).noneMatch(r -> r.contains(" GET /"));
        assertThat(rows).anyMatch(r -> r.contains("/onlineEndpoints/myendpoint/listKeys"));
    }

    @Test
    @DisplayName("A template deployment shows its resources done one by one, then its outputs")
    void a_template_deployment_shows_its_progress_and_outputs() throws Exception {
        String group = "/subscriptions/" + Arm.SUB + "/resourceGroups/tplgroup";
        given().baseUri(url()).header("Authorization", "Bearer any").contentType("application/json").queryParam("api-version", "2021-04-01")
                .body("{\"location\": \"eastus\"}").put(group).then().statusCode(201);
        String template = Files.readString(Path.of("..", "docs", "templates", "aks-ml-quickstart.json"));
        given().baseUri(url()).header("Authorization", "Bearer any").contentType("application/json").queryParam("api-version", "2021-04-01")
                .body("{\"properties\": {\"mode\": \"Incremental\", \"parameters\": {\"workspaceName\": {\"value\": \"tplws\"},"
                        + " \"computeName\": {\"value\": \"tpl-inference\"}}, \"template\": " + template + "}}")
                .put(group + "/providers/Microsoft.Resources/deployments/quickstart").then().statusCode(201);
        tab("tab-deployments");
        waitFor(d -> d.findElements(By.cssSelector("#deployments tbody tr[data-key=quickstart][data-state=Running]")).size() == 1);
        advance(120);
        waitFor(d -> d.findElement(By.cssSelector("#deployments tbody tr[data-key=quickstart]")).getText().contains("4 of 6 done"));
        advance(600);
        waitFor(d -> d.findElement(By.cssSelector("#deployments tbody tr[data-key=quickstart]")).getText().contains("6 of 7 done"));
        advance(300);
        waitFor(d -> d.findElements(By.cssSelector("#deployments tbody tr[data-key=quickstart][data-state=Succeeded]")).size() == 1);
        String row = driver.findElement(By.cssSelector("#deployments tbody tr[data-key=quickstart]")).getText();
        assertThat(row).contains("tplgroup").contains("Incremental").contains("7 of 7 done").contains("computeName = tpl-inference")
                .contains("Create tplws/tpl-inference");
    }

    @Test
    @DisplayName("The guided walkthrough of the seed runs to its end")
    void the_walkthrough_runs_to_its_end() {
        tab("tab-walkthrough");
        List<WebElement> steps = driver.findElements(By.cssSelector("#steps .step"));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 0; i < steps.size(); i++) {
            tab("tab-walkthrough");
            int n = i;
            WebElement button = driver.findElement(By.xpath("//li[@data-step='" + n + "']/button"));
            button.sendKeys(Keys.ENTER); // by keyboard, as the controls are meant to be reachable
            waitFor(d -> d.findElement(By.cssSelector("#steps .step[data-step='" + n + "']")).getAttribute("class").contains("done"));
            assertThat(byId("error").isDisplayed()).as("step %s refused: %s", n + 1, byId("error").getText()).isFalse();
        }
        tab("tab-computes");
        waitFor(d -> "Failed".equals(computeState("myattached")));
        assertThat(computeState("myaks")).isNull();
        tab("tab-walkthrough");
    }

    @Test
    @DisplayName("The event stream survives a page reload and an emulator restart: the page reconnects")
    void the_page_reconnects_after_a_reload_and_a_restart() {
        driver.navigate().refresh();
        waitFor(d -> "live".equals(d.findElement(By.id("live")).getText()));
        restartExpected = true;
        emulator.close();
        waitFor(d -> d.findElement(By.id("live")).getText().startsWith("reconnecting"));
        emulator = Emulator.start(config());
        waitFor(d -> "live".equals(d.findElement(By.id("live")).getText()));
        // A change after the restart reaches the page through the new stream.
        given().baseUri(url()).contentType("application/json").queryParam("api-version", "2021-04-01")
                .header("Authorization", "Bearer any").body("{\"location\":\"eastus\"}")
                .put("/subscriptions/" + emulator.context().subscriptions().defaultSubscriptionId() + "/resourcegroups/afterrestart")
                .then().statusCode(201);
        waitFor(d -> d.findElement(By.id("groups")).getText().contains("afterrestart"));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }
}
