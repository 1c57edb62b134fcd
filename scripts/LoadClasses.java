import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, without initialising or running any, the classes named in a file, one per line, from the class path:
 * scripts/bench-startup.sh gives it the classes a small download loaded from rawhttpget.jar and from the JDK's
 * modules (not those the JDK's own class-data archive maps). Its time is what finding, reading, defining and
 * verifying them costs a plain `java -jar`: a floor under the run that only fewer classes could lower.
 */
public final class LoadClasses {
    private LoadClasses() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = LoadClasses.class.getClassLoader();
        int loaded = 0;
        for (String name : Files.readAllLines(Path.of(args[0]))) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // A class spun at run time, or one the JDK hides: not a file to load.
            }
        }
        System.out.println(loaded);
    }
}
