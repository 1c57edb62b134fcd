package rawhttpget.download;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InputFileTest {

    @Test
    void trimsLinesAsWgetDoesAndSkipsBlankAndCommentLines() {
        String text = "# comment\n\n   http://h/one.txt   \n\t#indented comment\nhttp://h/two words.txt\n"
                + "  \r\nhttp://h/three.txt\r\nrel/four.txt\n\u000b\f/five.txt\nhttp://h/six.txt # trailing\n";

        assertThat(InputFile.urls(text)).containsExactly("http://h/one.txt", "http://h/two words.txt",
                "http://h/three.txt", "rel/four.txt", "/five.txt", "http://h/six.txt # trailing");
    }

    @Test
    void anEmptyFileAndALastLineWithoutNewlineAreFine() {
        assertThat(InputFile.urls("")).isEmpty();
        assertThat(InputFile.urls("\n\n")).isEmpty();
        assertThat(InputFile.urls("http://h/a\nhttp://h/b")).isEqualTo(List.of("http://h/a", "http://h/b"));
    }
}
