package dev.okienko.examples;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.IdentifierType;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code okienko id VALUE}: says which identifier VALUE is, whether it is valid, and why not.
 * Exit code 0 when valid, 1 when not.
 */
@Command(name = "id",
        description = {"Says what identifier VALUE is (PESEL, NIP, REGON, KRS, ADE, ePUAP box address),",
            "whether it is valid, and why not. Exit code 0: valid, 1: invalid.",
            "Ten digits starting with 0 are read as KRS (no NIP starts with 0), other ten digits as NIP;",
            "use --type to choose. A PESEL is shown masked."},
        mixinStandardHelpOptions = true)
final class IdCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "VALUE", description = "the identifier, e.g. 44051401359, 123-456-32-18, AE:PL-50419-15057-VDGUG-25")
    private String value;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "read VALUE as this type: ${COMPLETION-CANDIDATES}")
    private IdentifierType type;

    @Option(names = "--lenient", description = "for an ADE, check its shape only, not its check digits")
    private boolean lenient;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        IdentifierType chosen = type != null ? type : guess(value);
        if (chosen == null) {
            out.println("\"" + dev.okienko.core.PrintableText.of(value) + "\" does not look like any identifier okienko knows:");
            out.println("  PESEL (11 digits), NIP (10 digits), REGON (9 or 14 digits), KRS (10 digits, leading zeros),");
            out.println("  ADE (AE:PL-DDDDD-DDDDD-LLLLL-NN), ePUAP box address (/entity/box).");
            return 1;
        }
        try {
            for (String line : describe(chosen, value)) {
                out.println(line);
            }
            return 0;
        } catch (InvalidIdentifierException e) {
            out.println(e.type().displayName() + ": INVALID (" + e.defect().name().toLowerCase(Locale.ROOT) + ")");
            out.println("  " + e.getMessage());
            return 1;
        }
    }

    /** Guesses the identifier type from the value's shape; null when nothing fits. */
    static @Nullable IdentifierType guess(String value) {
        String v = value.strip();
        if (v.regionMatches(true, 0, "AE:", 0, 3)) {
            return IdentifierType.ADE;
        }
        if (v.startsWith("/")) {
            return IdentifierType.EPUAP_ADDRESS;
        }
        String digits = v.startsWith("PL") ? v.substring(2) : v;
        digits = digits.replaceAll("[ -]", "");
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return switch (digits.length()) {
            case 11 -> IdentifierType.PESEL;
            case 10 -> digits.charAt(0) == '0' ? IdentifierType.KRS : IdentifierType.NIP;
            case 9, 14 -> IdentifierType.REGON;
            default -> null;
        };
    }

    private List<String> describe(IdentifierType t, String v) {
        List<String> lines = new ArrayList<>();
        switch (t) {
            case PESEL -> {
                Pesel p = Pesel.parse(v);
                lines.add("PESEL " + p + ": valid");
                lines.add("  birth date " + p.birthDate() + ", sex " + p.sex().name().toLowerCase(Locale.ROOT));
            }
            case NIP -> {
                Nip n = Nip.parse(v);
                lines.add("NIP " + n.formatted() + ": valid");
                lines.add("  digits " + n.value() + ", EU VAT number " + n.vatNumber());
            }
            case REGON -> {
                Regon r = Regon.parse(v);
                lines.add("REGON " + r + ": valid");
                lines.add(r.isLocalUnit() ? "  14 digits: a local unit of entity " + r.entity() : "  9 digits: an entity");
            }
            case KRS -> {
                Krs k = Krs.parse(v);
                lines.add("KRS " + k + ": valid");
                lines.add("  entry number " + k.number() + " (KRS numbers have no check digit)");
            }
            case ADE -> {
                Ade a = Ade.parse(v, lenient ? Ade.Validation.LENIENT : Ade.Validation.STRICT);
                lines.add("ADE " + a + ": valid" + (lenient ? " shape" : ""));
                lines.add("  country " + a.countryCode() + ", check digits " + (a.hasValidCheckDigits() ? "correct"
                        : "wrong (should be " + checkDigitsOf(a) + "; accepted because of --lenient)"));
            }
            case EPUAP_ADDRESS -> {
                EpuapAddress e = EpuapAddress.parse(v);
                lines.add("ePUAP box address " + e + ": valid");
                lines.add("  entity " + e.entityId() + ", box " + e.boxName());
            }
        }
        return lines;
    }

    private static String checkDigitsOf(Ade a) {
        String[] parts = a.value().substring(3).split("-");
        return Ade.checkDigits(parts[1], parts[2], parts[3]);
    }
}
