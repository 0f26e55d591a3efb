package dev.amlaks.conformance.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.ClientProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's blocks that are files of the repository (each must equal its file, which its own
 * module runs as a test), the dependency versions it tells a reader to use (those the build uses),
 * and the image build command (the script the container tests run).
 */
class ReadmeFilesTest {

    /** The snippets this class answers for (ReadmeTopToBottomTest checks that every snippet has a test). */
    static final List<String> SNIPPETS = List.of("java-dependencies", "testcontainers-dependency", "docker-build");

    private static Readme readme;

    @BeforeAll
    static void read() throws Exception {
        readme = new Readme(ClientProcess.moduleDir().getParent());
    }

    @Test
    void every_file_block_equals_the_file_it_names() throws Exception {
        List<String> files = readme.markers().stream().filter(m -> m.startsWith("snippet-file: "))
                .map(m -> m.substring("snippet-file: ".length())).toList();
        assertThat(files).as("the in-process and Testcontainers examples").contains(
                "emulator/src/test/java/dev/amlaks/emulator/ReadmeExampleTest.java",
                "docker/testcontainers/src/test/java/dev/amlaks/testcontainers/AksClusterIT.java");
        for (String file : files) {
            String[] block = readme.fileSnippet(file);
            assertThat(block[0]).as("the README's block for %s equals the file (copy the file into the README)", file).isEqualTo(block[1]);
        }
    }

    @Test
    void the_java_dependencies_are_the_versions_the_conformance_suites_build_with() throws Exception {
        String pom = Files.readString(readme.root().resolve("conformance-tests/pom.xml"));
        String block = readme.snippet("java-dependencies");
        for (String artifact : List.of("azure-core-management", "azure-sdk-bom", "azure-resourcemanager-resources")) {
            assertThat(versionIn(block, artifact)).as("README version of %s", artifact).isEqualTo(property(pom, artifact + ".version"));
        }
    }

    @Test
    void the_testcontainers_dependency_is_this_build_of_the_module() throws Exception {
        String pom = Files.readString(readme.root().resolve("docker/testcontainers/pom.xml"));
        String block = readme.snippet("testcontainers-dependency");
        assertThat(pom).contains("<artifactId>aml-aks-emulator-testcontainers</artifactId>");
        assertThat(versionIn(block, "aml-aks-emulator-testcontainers")).isEqualTo(projectVersion());
    }

    @Test
    void the_image_is_built_by_the_script_the_container_tests_run() {
        assertThat(readme.snippet("docker-build").trim()).isEqualTo("mvn -q -DskipTests package && docker/build-image.sh");
        Path script = readme.root().resolve("docker/build-image.sh");
        assertThat(Files.isExecutable(script)).as("docker/build-image.sh is executable").isTrue();
    }

    private static String projectVersion() throws Exception {
        String parent = Files.readString(readme.root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>aml-aks-emulator-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String versionIn(String xml, String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(xml);
        assertThat(m.find()).as("a <version> for %s", artifactId).isTrue();
        return m.group(1);
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("property %s", name).isTrue();
        return m.group(1);
    }
}
