package org.polder.bank;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds bank statements in camt.053.001.02 as a Dutch bank delivers them (the layout of the sample statements
 * in Dutch banks' format guides: group header with pagination, one statement with the account and its servicer,
 * opening and closing booked balances, entries with the bank's reference, SEPA transaction codes, the related
 * parties and agents, and the description as unstructured or structured remittance information).
 */
final class Camt053 {

    private final String statementId;
    private final String iban;
    private final List<String> entries = new ArrayList<>();
    private long net;
    private long opening = 100_000;
    private int next = 1;

    private Camt053(String statementId, String iban) {
        this.statementId = statementId;
        this.iban = iban;
    }

    static Camt053 statement(String statementId, String iban) {
        return new Camt053(statementId, iban);
    }

    /** The booked balance the statement opens with (its closing balance is that plus its entries). */
    Camt053 opening(long cents) {
        opening = cents;
        return this;
    }

    /** Money in: a SEPA credit transfer from {@code name}'s account with a free-text description. */
    Camt053 credit(long cents, String name, String fromIban, String description) {
        net += cents;
        entries.add(entry(cents, "CRDT", "RCDT", "ESCT", """
                      <Refs><AcctSvcrRef>%s</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                      <AmtDtls><TxAmt><Amt Ccy="EUR">%s</Amt></TxAmt></AmtDtls>
                      <RltdPties><Dbtr><Nm>%s</Nm></Dbtr><DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct></RltdPties>
                      <RltdAgts><DbtrAgt><FinInstnId><BIC>RABONL2U</BIC></FinInstnId></DbtrAgt></RltdAgts>
                      <RmtInf><Ustrd>%s</Ustrd></RmtInf>
                """.formatted(ref(), euros(cents), name, fromIban, description)));
        return this;
    }

    /** Money in with a structured creditor reference (ISO 11649), as a bank's app sends it when the payer chose "reference". */
    Camt053 creditWithStructuredReference(long cents, String name, String fromIban, String reference) {
        net += cents;
        entries.add(entry(cents, "CRDT", "RCDT", "ESCT", """
                      <Refs><AcctSvcrRef>%s</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                      <RltdPties><Dbtr><Nm>%s</Nm></Dbtr><DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct></RltdPties>
                      <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>%s</Ref></CdtrRefInf></Strd></RmtInf>
                """.formatted(ref(), name, fromIban, reference)));
        return this;
    }

    /** Money out: a credit-transfer file booked as one batch (batch booking), named by its message id. */
    Camt053 batchDebit(long cents, String messageId, int transactions) {
        net -= cents;
        entries.add(entry(cents, "DBIT", "ICDT", "ESCT", null).replace("<NtryDtls><TxDtls>\n</TxDtls></NtryDtls>",
                "<NtryDtls><Btch><MsgId>%s</MsgId><PmtInfId>%s</PmtInfId><NbOfTxs>%d</NbOfTxs></Btch></NtryDtls>"
                        .formatted(messageId, messageId, transactions)));
        return this;
    }

    /** A transfer sent back by the receiving bank, with the original end-to-end id and the reason code. */
    Camt053 returned(long cents, String endToEndId, String reasonCode, String name, String accountIban) {
        net += cents;
        entries.add(entry(cents, "CRDT", "RCDT", "RRTN", """
                      <Refs><AcctSvcrRef>%s</AcctSvcrRef><EndToEndId>%s</EndToEndId></Refs>
                      <RltdPties><Cdtr><Nm>%s</Nm></Cdtr><CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct></RltdPties>
                      <RtrInf><Rsn><Cd>%s</Cd></Rsn></RtrInf>
                """.formatted(ref(), endToEndId, name, accountIban, reasonCode)));
        return this;
    }

    /** An entry written by hand, for files that are wrong on purpose. */
    Camt053 raw(String entry) {
        entries.add(entry);
        return this;
    }

    String xml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <BkToCstmrStmt>
                    <GrpHdr>
                      <MsgId>%s-MSG</MsgId>
                      <CreDtTm>2026-12-04T06:12:31.000+01:00</CreDtTm>
                      <MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn>
                    </GrpHdr>
                    <Stmt>
                      <Id>%s</Id>
                      <ElctrncSeqNb>238</ElctrncSeqNb>
                      <CreDtTm>2026-12-04T06:12:31.000+01:00</CreDtTm>
                      <Acct>
                        <Id><IBAN>%s</IBAN></Id>
                        <Ccy>EUR</Ccy>
                        <Svcr><FinInstnId><BIC>ABNANL2A</BIC></FinInstnId></Svcr>
                      </Acct>
                      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>2026-12-03</Dt></Dt></Bal>
                      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>2026-12-03</Dt></Dt></Bal>
                %s    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(statementId, statementId, iban, euros(Math.abs(opening)), opening < 0 ? "DBIT" : "CRDT",
                euros(Math.abs(opening + net)), opening + net < 0 ? "DBIT" : "CRDT",
                String.join("", entries));
    }

    byte[] bytes() {
        return xml().getBytes(StandardCharsets.UTF_8);
    }

    private String entry(long cents, String creditDebit, String family, String subFamily, String details) {
        return """
                      <Ntry>
                        <Amt Ccy="EUR">%s</Amt>
                        <CdtDbtInd>%s</CdtDbtInd>
                        <Sts>BOOK</Sts>
                        <BookgDt><Dt>2026-12-03</Dt></BookgDt>
                        <ValDt><Dt>2026-12-03</Dt></ValDt>
                        <AcctSvcrRef>%s</AcctSvcrRef>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>%s</Cd><SubFmlyCd>%s</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls>
                %s</TxDtls></NtryDtls>
                      </Ntry>
                """.formatted(euros(cents), creditDebit, statementId + "-" + next++, family, subFamily, details == null ? "" : details);
    }

    private String ref() {
        return statementId + "-TX" + next;
    }

    static String euros(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
