package dev.okienko.examples;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import java.io.PrintWriter;

/** Demo step 11: identifiers, valid and not, and what okienko says about each. */
final class DemoIdentifiers extends DemoSteps {
    DemoIdentifiers(PrintWriter out, DemoSteps.Results results) {
        super(out, results);
    }

    void identifiers() {
        explain("PESEL", "44051401359", v -> Pesel.parse(v).masked() + ", born " + Pesel.parse(v).birthDate());
        explain("PESEL", "44051401358", v -> Pesel.parse(v).masked());
        explain("NIP", "123-456-32-18", v -> Nip.parse(v).value());
        explain("ADE", "AE:PL-50419-15057-VDGUG-25", v -> "country " + Ade.parse(v).countryCode());
        explain("ADE", "AE:PL-12345-67890-ABCDE-12", v -> Ade.parse(v).value());
        explain("ADE (lenient)", "AE:PL-12345-67890-ABCDE-12",
                v -> "shape accepted, check digits " + (Ade.parse(v, Ade.Validation.LENIENT).hasValidCheckDigits() ? "ok" : "wrong"));
        explain("ePUAP", "/PodlaskaWKOHP/SkrytkaESP", v -> "entity " + EpuapAddress.parse(v).entityId());
    }
}
