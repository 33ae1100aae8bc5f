// One JVM for every EPUBCheck run of a test worker: EPUBCheck's start-up (the JVM and its
// schemas) costs seconds, a check of a small book a fraction of one. Reads lines
// "BOOK<TAB>REPORT.json" on standard input, checks BOOK with EPUBCheck's own command-line
// entry (as `java -jar epubcheck.jar BOOK --json REPORT.json`) and answers "done <exit>" on
// standard output. Run from tests/validators.py with Java's source launcher, epubcheck.jar
// on the class path; when it cannot start, the tests run EPUBCheck once per book instead.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubcheckLoop {
    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        BufferedReader requests =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answers.println("ready");
        String line;
        while ((line = requests.readLine()) != null) {
            String[] parts = line.split("\t", 2);
            if (parts.length != 2) {
                answers.println("error bad request");
                continue;
            }
            System.setOut(quiet);  // EPUBCheck's own console output is not the answer
            System.setErr(quiet);
            int code;
            try {
                code = new EpubChecker().run(new String[] {parts[0], "--json", parts[1]});
            } catch (Throwable problem) {
                code = -1;
            }
            answers.println("done " + code);
        }
    }
}
