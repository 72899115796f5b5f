// Keeps one Mustang validator JVM alive for a test process: Mustang's CLI compiles its Schematron
// XSLT on every start (about 7 s), a resident JVM does it once and then validates in well under 1 s.
// Run as `java -cp Mustang-CLI-<version>.jar MustangResident.java` (the source launcher compiles it).
//
// Protocol, one line each way: stdin `<id>\t<file>`; stdout `@@mustang <id> <valid|invalid|crash> <base64>`,
// where base64 is the XML report (or the stack trace on crash). Other stdout lines are Mustang's own
// and ignored. It exits when stdin closes, so it never outlives the process that started it.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mustangproject.validator.ZUGFeRDValidator;

public class MustangResident {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      int tab = line.indexOf('\t');
      if (tab < 0) continue;
      String id = line.substring(0, tab);
      String file = line.substring(tab + 1);
      String verdict;
      String body;
      try {
        // The same calls as the CLI's `--action validate --no-notices`, on a fresh validator each time.
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        validator.disableNotices();
        body = validator.validate(file);
        verdict = validator.wasCompletelyValid() ? "valid" : "invalid";
      } catch (Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        body = trace.toString();
        verdict = "crash";
      }
      String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
      System.out.println("@@mustang " + id + " " + verdict + " " + encoded);
      System.out.flush();
    }
  }
}
