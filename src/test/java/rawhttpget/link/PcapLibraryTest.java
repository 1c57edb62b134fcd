package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PcapLibraryTest {

    @Test
    void prefersTheUnversionedLibraryFromTheDevelopmentPackage() {
        Set<Path> installed = Set.of(
                Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8"),
                Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so"));
        assertThat(PcapLibrary.locate(PcapLibrary.candidates("amd64"), installed::contains))
                .contains(Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so"));
    }

    @Test
    void findsDebiansRuntimeLibraryWhenTheDevelopmentPackageIsAbsent() {
        Set<Path> installed = Set.of(Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8"));
        assertThat(PcapLibrary.locate(PcapLibrary.candidates("amd64"), installed::contains))
                .contains(Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8"));
    }

    @Test
    void findsFedorasSonameInLib64() {
        Set<Path> installed = Set.of(Path.of("/usr/lib64/libpcap.so.1"));
        assertThat(PcapLibrary.locate(PcapLibrary.candidates("amd64"), installed::contains))
                .contains(Path.of("/usr/lib64/libpcap.so.1"));
    }

    @Test
    void looksInTheMultiarchDirectoryOfTheRunningArchitecture() {
        Set<Path> installed = Set.of(Path.of("/lib/aarch64-linux-gnu/libpcap.so.0.8"));
        assertThat(PcapLibrary.locate(PcapLibrary.candidates("aarch64"), installed::contains))
                .contains(Path.of("/lib/aarch64-linux-gnu/libpcap.so.0.8"));
    }

    @Test
    void findsNothingWhenNoLibpcapIsInstalled() {
        assertThat(PcapLibrary.locate(PcapLibrary.candidates("amd64"), path -> false)).isEmpty();
    }

    @Test
    void tellsTheUserWhichPackageToInstall() {
        assertThat(PcapLibrary.NOT_FOUND_MESSAGE).isEqualTo(
                "libpcap not found: install the libpcap0.8 package (apt-get install libpcap0.8; it is libpcap0.8t64 on"
                + " Debian 13 and Ubuntu 24.04)");
    }

    @Test
    void jnasSearchPathIsTheDirectoriesSearchedForLibpcapInOrder() {
        assertThat(PcapLibrary.searchPath("amd64"))
                .isEqualTo("/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:/usr/lib64:/lib64:/usr/lib:/lib:/usr/local/lib");
        assertThat(PcapLibrary.searchPath("unknown")).isEqualTo("/usr/lib64:/lib64:/usr/lib:/lib:/usr/local/lib");
    }
}
