// Differential-test oracle: Lightbend's reference HOCON implementation (typesafe-config).
// Launched once per test run in source-file mode: java -cp typesafe-config.jar HoconOracle.java
//
// Batch mode (default): reads file paths from stdin, one per line; for each prints exactly one line:
//   OK <json>        the file parsed and resolved with no environment fallback
//   ERR <message>    the reference implementation rejected it (newlines replaced by spaces)
// Bench mode: --bench N FILE parses+resolves FILE N times after a warm-up, prints the median ns per run.
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

public class HoconOracle {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args.length == 3 && args[0].equals("--bench")) {
            bench(Integer.parseInt(args[1]), new File(args[2]), out);
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            out.println(run(new File(line)));
            out.flush();
        }
    }

    static Config parseAndResolve(File file) {
        Config parsed = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        return parsed.resolve(ConfigResolveOptions.noSystem());
    }

    static String run(File file) {
        try {
            Config config = parseAndResolve(file);
            StringBuilder sb = new StringBuilder("OK ");
            render(config.root(), sb);
            return sb.toString();
        } catch (Throwable e) {
            String message = String.valueOf(e.getMessage()).replace('\r', ' ').replace('\n', ' ');
            return "ERR " + e.getClass().getSimpleName() + ": " + message;
        }
    }

    // Own JSON rendering so numbers are always valid JSON (the library echoes the original text, e.g. "1.").
    static void render(ConfigValue value, StringBuilder sb) {
        switch (value.valueType()) {
            case OBJECT: {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, ConfigValue> e : new TreeMap<>((ConfigObject) value).entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(':');
                    render(e.getValue(), sb);
                }
                sb.append('}');
                break;
            }
            case LIST: {
                sb.append('[');
                boolean first = true;
                for (ConfigValue v : (ConfigList) value) {
                    if (!first) sb.append(',');
                    first = false;
                    render(v, sb);
                }
                sb.append(']');
                break;
            }
            case NUMBER: {
                Number n = (Number) value.unwrapped();
                if (n instanceof Double && (((Double) n).isInfinite() || ((Double) n).isNaN())) {
                    string("NONFINITE:" + n, sb);
                } else {
                    sb.append(n.toString());
                }
                break;
            }
            case BOOLEAN: sb.append(value.unwrapped().toString()); break;
            case NULL: sb.append("null"); break;
            default: string((String) value.unwrapped(), sb); break;
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }

    static void bench(int runs, File file, PrintStream out) {
        for (int i = 0; i < Math.max(50, runs / 2); i++) parseAndResolve(file);
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            ConfigFactory.invalidateCaches();
            long start = System.nanoTime();
            parseAndResolve(file);
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        out.println(times[runs / 2]);
        out.flush();
    }
}
