package org.polder.bank;

import com.prowidesoftware.swift.model.mx.MxCamt05300102;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement2;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.BalanceType12Code;
import com.prowidesoftware.swift.model.mx.dic.CashAccount16;
import com.prowidesoftware.swift.model.mx.dic.CashBalance3;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.EntryDetails1;
import com.prowidesoftware.swift.model.mx.dic.EntryStatus2Code;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction2;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification32;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation5;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry2;
import com.prowidesoftware.swift.model.mx.dic.ReturnReasonInformation10;
import com.prowidesoftware.swift.model.mx.dic.StructuredRemittanceInformation7;
import com.prowidesoftware.swift.model.mx.dic.TransactionParty2;
import org.polder.common.DomainException;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A bank statement in ISO 20022 camt.053.001.02 (the version Dutch banks deliver), read with Prowide's model into
 * what Polder needs of it. The whole file is checked before anything is used: a problem is refused with the
 * element's path ({@code Stmt[1]/Ntry[3]/Amt}), so that a statement is imported whole or not at all.
 */
record StatementFile(List<Statement> statements) {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";

    /** One account's statement: its id at the bank, the account, the closing booked balance, and the booked entries. */
    record Statement(String id, String iban, OffsetDateTime created, Long closingBalance, LocalDate closingDate, List<Line> lines) {
    }

    /**
     * One booked entry. {@code key} is the bank's own reference for it (AcctSvcrRef), or the statement and the
     * entry's position when the bank gives none. The counterparty is the debtor of a credit, the creditor of a
     * debit. {@code batchIds}: the message and payment-information ids of a batch it books;
     * {@code endToEndIds}: those of its transactions; {@code returnReason}: set when it returns a transfer.
     */
    record Line(String path, String key, LocalDate booked, long cents, boolean credit, String counterparty, String counterpartyIban,
                String remittance, List<String> batchIds, List<String> endToEndIds, String returnReason) {
    }

    static StatementFile read(byte[] file) {
        if (file == null || file.length == 0) {
            throw refused("file: the file is empty");
        }
        Document dom = wellFormed(file);
        String namespace = dom.getDocumentElement().getNamespaceURI();
        if (!"Document".equals(dom.getDocumentElement().getLocalName()) || !NAMESPACE.equals(namespace)) {
            throw refused("Document: this is not a bank statement in camt.053.001.02 (the file's root is "
                    + dom.getDocumentElement().getLocalName() + (namespace == null ? "" : " in " + namespace) + ")");
        }
        // Read the text in the encoding the file declares (some banks still write ISO-8859-1), as the parser found it.
        String declared = dom.getXmlEncoding() != null ? dom.getXmlEncoding() : dom.getInputEncoding();
        java.nio.charset.Charset encoding = declared == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(declared);
        MxCamt05300102 mx = MxCamt05300102.parse(new String(file, encoding));
        if (mx == null || mx.getBkToCstmrStmt() == null) {
            throw refused("BkToCstmrStmt: missing");
        }
        List<AccountStatement2> stmts = mx.getBkToCstmrStmt().getStmt();
        if (stmts == null || stmts.isEmpty()) {
            throw refused("BkToCstmrStmt/Stmt: the file holds no statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            statements.add(statement(stmts.get(i), "Stmt[" + (i + 1) + "]"));
        }
        return new StatementFile(statements);
    }

    private static Statement statement(AccountStatement2 s, String path) {
        String id = required(s.getId(), path + "/Id");
        String iban = s.getAcct() == null || s.getAcct().getId() == null ? null : s.getAcct().getId().getIBAN();
        required(iban, path + "/Acct/Id/IBAN");
        if (s.getAcct().getCcy() != null && !"EUR".equals(s.getAcct().getCcy())) {
            throw refused(path + "/Acct/Ccy: only accounts in euros are imported, not " + s.getAcct().getCcy());
        }
        Long closing = null;
        LocalDate closingDate = null;
        for (int b = 0; b < s.getBal().size(); b++) {
            CashBalance3 bal = s.getBal().get(b);
            if (bal.getTp() != null && bal.getTp().getCdOrPrtry() != null && bal.getTp().getCdOrPrtry().getCd() == BalanceType12Code.CLBD) {
                String at = path + "/Bal[" + (b + 1) + "]";
                long cents = cents(bal.getAmt(), at + "/Amt");
                closing = bal.getCdtDbtInd() == CreditDebitCode.DBIT ? -cents : cents;
                closingDate = bal.getDt() == null ? null : bal.getDt().getDt();
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int n = 0; n < s.getNtry().size(); n++) {
            ReportEntry2 e = s.getNtry().get(n);
            String at = path + "/Ntry[" + (n + 1) + "]";
            if (e.getSts() != null && e.getSts() != EntryStatus2Code.BOOK) {
                continue; // pending and informational entries are not money yet
            }
            lines.add(line(e, at, iban, id, n + 1));
        }
        return new Statement(id, BankAccounts.checkedIban(iban), s.getCreDtTm(), closing, closingDate, lines);
    }

    private static Line line(ReportEntry2 e, String at, String iban, String statementId, int position) {
        long cents = cents(e.getAmt(), at + "/Amt");
        if (e.getCdtDbtInd() == null) {
            throw refused(at + "/CdtDbtInd: missing (CRDT or DBIT)");
        }
        boolean credit = e.getCdtDbtInd() == CreditDebitCode.CRDT;
        LocalDate booked = e.getBookgDt() == null ? null
                : e.getBookgDt().getDt() != null ? e.getBookgDt().getDt()
                : e.getBookgDt().getDtTm() == null ? null : e.getBookgDt().getDtTm().toLocalDate();
        if (booked == null) {
            throw refused(at + "/BookgDt: missing");
        }
        String key = iban + ":" + (e.getAcctSvcrRef() != null && !e.getAcctSvcrRef().isBlank()
                ? e.getAcctSvcrRef().strip() : statementId + "#" + position);
        String counterparty = null;
        String counterpartyIban = null;
        StringBuilder remittance = new StringBuilder();
        List<String> batchIds = new ArrayList<>();
        List<String> endToEndIds = new ArrayList<>();
        String returnReason = null;
        for (EntryDetails1 details : e.getNtryDtls()) {
            if (details.getBtch() != null) {
                addIfPresent(batchIds, details.getBtch().getMsgId());
                addIfPresent(batchIds, details.getBtch().getPmtInfId());
            }
            for (EntryTransaction2 tx : details.getTxDtls()) {
                if (tx.getRefs() != null) {
                    addIfPresent(batchIds, tx.getRefs().getMsgId());
                    addIfPresent(batchIds, tx.getRefs().getPmtInfId());
                    addIfPresent(endToEndIds, tx.getRefs().getEndToEndId());
                }
                TransactionParty2 parties = tx.getRltdPties();
                if (parties != null && counterparty == null) {
                    PartyIdentification32 party = credit ? parties.getDbtr() : parties.getCdtr();
                    CashAccount16 account = credit ? parties.getDbtrAcct() : parties.getCdtrAcct();
                    counterparty = party == null ? null : party.getNm();
                    counterpartyIban = account == null || account.getId() == null ? null : account.getId().getIBAN();
                }
                remittance.append(text(tx.getRmtInf()));
                ReturnReasonInformation10 rtr = tx.getRtrInf();
                if (rtr != null) {
                    String code = rtr.getRsn() == null ? null : rtr.getRsn().getCd() != null ? rtr.getRsn().getCd() : rtr.getRsn().getPrtry();
                    returnReason = code == null ? "returned" : code;
                }
            }
        }
        if (remittance.length() == 0 && e.getAddtlNtryInf() != null) {
            remittance.append(e.getAddtlNtryInf());
        }
        String rem = remittance.toString().strip();
        return new Line(at, key, booked, cents, credit, counterparty, counterpartyIban == null ? null : counterpartyIban.replaceAll("\\s", ""),
                rem.length() > 500 ? rem.substring(0, 500) : rem, batchIds, endToEndIds, returnReason);
    }

    private static String text(RemittanceInformation5 rmt) {
        if (rmt == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        rmt.getUstrd().forEach(u -> s.append(u).append(' '));
        for (StructuredRemittanceInformation7 strd : rmt.getStrd()) {
            if (strd.getCdtrRefInf() != null && strd.getCdtrRefInf().getRef() != null) {
                s.append(strd.getCdtrRefInf().getRef()).append(' ');
            }
        }
        return s.toString();
    }

    private static long cents(ActiveOrHistoricCurrencyAndAmount amount, String path) {
        if (amount == null || amount.getValue() == null) {
            throw refused(path + ": missing");
        }
        if (!"EUR".equals(amount.getCcy())) {
            throw refused(path + ": only euros are imported, not " + amount.getCcy());
        }
        BigDecimal value = amount.getValue();
        if (value.signum() < 0 || value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw refused(path + ": " + value.toPlainString() + " is not an amount in euros and cents");
        }
        return value.movePointRight(2).longValueExact();
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value.strip());
        }
    }

    private static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw refused(path + ": missing");
        }
        return value.strip();
    }

    /** Parsed without resolving anything from outside the file (no DTDs, no external entities). */
    private static Document wellFormed(byte[] file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(file));
        } catch (SAXParseException e) {
            throw refused("file: not a well-formed XML file (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage());
        } catch (Exception e) {
            throw refused("file: not a readable XML file: " + e.getMessage());
        }
    }

    private static DomainException refused(String message) {
        return DomainException.invalid(message).code("problem.bank.statement", message);
    }
}
