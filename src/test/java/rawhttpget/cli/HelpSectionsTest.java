package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every option of the table is listed under a heading of --help. */
class HelpSectionsTest {

    @Test
    void everyOptionHasAHelpSection() {
        assertThat(Options.TABLE).allSatisfy(option ->
                assertThat(HelpSections.headingOf(option)).as("help section of %s", option.longForm()).isNotNull());
    }
}
