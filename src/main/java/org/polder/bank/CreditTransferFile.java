package org.polder.bank;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation26;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.ServiceLevel8Choice;
import org.polder.ledger.Payout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A payout run as a SEPA credit-transfer initiation (ISO 20022 pain.001.001.09), written with Prowide's model:
 * one payment information block from the platform's account, one transaction per payout with its end-to-end
 * id ({@link Payout#endToEndId()}), the number of transactions and their control sum at both levels.
 */
final class CreditTransferFile {

    private CreditTransferFile() {
    }

    static String write(String messageId, OffsetDateTime created, LocalDate executionDate, PlatformAccount from, List<Payout> payouts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Payout p : payouts) {
            sum = sum.add(euros(p.amount()));
        }
        String count = Integer.toString(payouts.size());
        PaymentInstruction30 instruction = new PaymentInstruction30()
                .setPmtInfId(messageId)
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(true)
                .setNbOfTxs(count)
                .setCtrlSum(sum)
                .setPmtTpInf(new PaymentTypeInformation26().addSvcLvl(new ServiceLevel8Choice().setCd("SEPA")))
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(executionDate))
                .setDbtr(new PartyIdentification135().setNm(from.name()))
                .setDbtrAcct(account(from.iban()))
                .setDbtrAgt(new BranchAndFinancialInstitutionIdentification6().setFinInstnId(new FinancialInstitutionIdentification18().setBICFI(from.bic())))
                .setChrgBr(ChargeBearerType1Code.SLEV);
        for (Payout p : payouts) {
            instruction.addCdtTrfTxInf(new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setEndToEndId(p.endToEndId()))
                    .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount().setValue(euros(p.amount())).setCcy(p.currency())))
                    .setCdtr(new PartyIdentification135().setNm(p.holderName()))
                    .setCdtrAcct(account(p.iban()))
                    .setRmtInf(new RemittanceInformation16().addUstrd("Polder payout " + p.id())));
        }
        CustomerCreditTransferInitiationV09 initiation = new CustomerCreditTransferInitiationV09()
                .setGrpHdr(new GroupHeader85().setMsgId(messageId).setCreDtTm(created).setNbOfTxs(count).setCtrlSum(sum)
                        .setInitgPty(new PartyIdentification135().setNm(from.name())))
                .addPmtInf(instruction);
        MxWriteParams params = new MxWriteParams();
        params.prefix = null;                 // the schema's namespace as the default, as banks' own examples write it
        params.includeXMLDeclaration = true;
        return new MxPain00100109().setCstmrCdtTrfInitn(initiation).document(params);
    }

    private static CashAccount38 account(String iban) {
        return new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(iban));
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
