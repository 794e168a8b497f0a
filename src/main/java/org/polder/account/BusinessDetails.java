package org.polder.account;

import org.polder.common.DomainException;

/**
 * What an invoice says about a party: its name, address, Chamber of Commerce (KvK) number and VAT number,
 * the last three only where registered.
 */
public record BusinessDetails(String name, String address, String kvkNumber, String vatNumber) {

    /** The details as given, stripped, or a clear error naming the field; blank fields are left out. */
    static BusinessDetails checked(String name, String address, String kvk, String vat) {
        String a = blankToNull(address);
        String k = blankToNull(kvk == null ? null : kvk.replace(" ", ""));
        String v = blankToNull(vat == null ? null : vat.replace(" ", "").replace(".", "").toUpperCase(java.util.Locale.ROOT));
        if (a != null && a.length() > 500) {
            throw DomainException.invalid("address: at most 500 characters").code("problem.business.address");
        }
        if (k != null && !k.matches("\\d{8}")) {
            throw DomainException.invalid("kvkNumber: the 8 digits of the Chamber of Commerce number").code("problem.business.kvk");
        }
        if (v != null && !v.matches("[A-Z]{2}[0-9A-Z]{2,12}")) {
            throw DomainException.invalid("vatNumber: a VAT number starting with the country, e.g. NL123456789B01").code("problem.business.vat");
        }
        return new BusinessDetails(name, a, k, v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
