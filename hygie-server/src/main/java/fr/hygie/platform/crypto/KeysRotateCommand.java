package fr.hygie.platform.crypto;

import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code ./hygie keys rotate [--retire-old]}: adds a new primary master key, has every
 * {@link WrappedKeyHolder} re-wrap its data keys under it, and with {@code --retire-old} disables the
 * old master keys once every holder succeeded (data still wrapped under them can then no longer be
 * opened; that is the point after a suspected compromise).
 *
 * <p>Stop the server before {@code --retire-old}. A running server notices the new keyset file
 * before its next seal, but a seal that began just before the rotation and is committed just after
 * its holder's pass would keep a data key wrapped under the old key; without {@code --retire-old}
 * that key still opens, and the next rotation re-wraps it.
 */
@Subcommand(name = "keys rotate", summary = "nouvelle clé maîtresse, re-chiffrement des clés de données",
        usage = "[--retire-old]")
class KeysRotateCommand implements HygieCommand {

    static final String RETIRE_OLD = "--retire-old";

    private final MasterKeys masterKeys;
    private final EnvelopeEncryption envelope;
    private final List<WrappedKeyHolder> holders;

    @Autowired
    KeysRotateCommand(MasterKeys masterKeys, EnvelopeEncryption envelope, ObjectProvider<WrappedKeyHolder> holders) {
        this(masterKeys, envelope, holders.orderedStream().toList());
    }

    KeysRotateCommand(MasterKeys masterKeys, EnvelopeEncryption envelope, List<WrappedKeyHolder> holders) {
        this.masterKeys = masterKeys;
        this.envelope = envelope;
        this.holders = List.copyOf(holders);
    }

    @Override
    public int run(List<String> args, Console console) {
        boolean retireOld = args.contains(RETIRE_OLD);
        if (args.stream().anyMatch(a -> !a.equals(RETIRE_OLD))) {
            console.error("Usage : ./hygie keys rotate [--retire-old]");
            return 2;
        }
        int primary = masterKeys.rotate();
        console.println("Nouvelle clé maîtresse primaire : " + primary + " (" + masterKeys.describe() + ")");
        long total = 0;
        for (WrappedKeyHolder holder : holders) {
            long n;
            try {
                n = holder.rewrapAll(envelope);
            } catch (RuntimeException e) {
                console.error("Échec du re-chiffrement de " + holder.name() + " : " + e.getMessage());
                console.error("Les anciennes clés maîtresses restent actives ; relancez ./hygie keys rotate "
                        + "une fois le problème corrigé.");
                return 1;
            }
            console.println(holder.name() + " : " + n + " clé(s) re-chiffrée(s)");
            total += n;
        }
        console.println("Re-chiffrement terminé : " + total + " clé(s) de données sous la clé " + primary + ".");
        if (retireOld) {
            int retired = masterKeys.retireOld();
            console.println("Anciennes clés maîtresses désactivées : " + retired
                    + ". Les données encore chiffrées sous ces clés ne peuvent plus être ouvertes.");
        } else {
            console.println("Les anciennes clés restent actives pour le déchiffrement ; "
                    + "« ./hygie keys rotate --retire-old » les désactive.");
        }
        return 0;
    }
}
