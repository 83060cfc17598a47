// Bench-only driver: loads HeidelTime once and tags every <name>.txt in a folder against the date in
// <name>.dct (YYYY-MM-DD), writing <name>.tml. Run with the jar on the class path, in source mode:
//   java -cp heideltime.jar bench/peers/HeidelTimeBatch.java CONFIG_PROPS FOLDER [news|narratives|colloquial|scientific]
// It only calls HeidelTime's public API (HeidelTime is GPL; none of its code or rules is copied here).
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.SimpleDateFormat;
import java.util.Arrays;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, args.length > 2 ? DocumentType.valueOf(args[2].toUpperCase()) : DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        File[] inputs = new File(args[1]).listFiles((dir, name) -> name.endsWith(".txt"));
        Arrays.sort(inputs);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (File input : inputs) {
            String stem = input.getPath().substring(0, input.getPath().length() - 4);
            String text = new String(Files.readAllBytes(input.toPath()), StandardCharsets.UTF_8);
            String dct = new String(Files.readAllBytes(new File(stem + ".dct").toPath()), StandardCharsets.UTF_8).trim();
            String timeml = tagger.process(text, day.parse(dct));
            Files.write(new File(stem + ".tml").toPath(), timeml.getBytes(StandardCharsets.UTF_8));
        }
    }
}
