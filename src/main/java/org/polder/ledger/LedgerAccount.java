package org.polder.ledger;

/**
 * A ledger account, named by its type and owner. Only the outside world ({@link Type#FUNDING}) and the
 * guarantee fund may go below zero; every other account refuses a posting that would overdraw it.
 */
public record LedgerAccount(Type type, long ownerId, String currency) {

    /** The single platform-owned accounts use owner 0. */
    public static final long PLATFORM = 0;

    public enum Type {
        /** Money that came in from outside (bank transfers, later a payment provider); goes negative as money enters. */
        FUNDING(true),
        /** What an organisation can spend on new work. Owner: organisation id. */
        ORGANISATION(false),
        /** Money set aside for a published batch of microtasks until it is paid or returned. Owner: batch id. */
        BATCH_ESCROW(false),
        /** Money set aside for a posted shift (its planned pay and fees for every head) until paid or returned. Owner: shift id. */
        SHIFT_ESCROW(false),
        /** Money set aside for a booked errand (the courier's pay and the fee) until paid or returned. Owner: errand id. */
        ERRAND_ESCROW(false),
        /** Money set aside for a planned visit to a home (its pay, holiday pay and fee) until paid or returned. Owner: visit id. */
        VISIT_ESCROW(false),
        /**
         * A member's reserve in a sick-pay circle: their contributions, less their shares of the gifts the circle gave.
         * The circle's money is its members' reserves, never the platform's. Owner: the membership's id.
         */
        CIRCLE_RESERVE(false),
        /** A worker's earnings not yet paid out. Owner: worker account id. */
        WORKER(false),
        /** Payouts a worker asked for that an admin has not yet marked paid. Owner: worker account id. */
        PAYOUT_PENDING(false),
        /** Money that left the platform to workers. */
        PAID_OUT(false),
        /** The platform's fee income. */
        PLATFORM_FEES(false),
        /**
         * The platform's own money that pays what a rule or an upheld appeal names (an appeal upheld after the
         * escrow is spent, a guaranteed hourly minimum); an admin funds it. It still pays when empty, so that
         * the worker is paid, but never silently: {@link Ledger#audit()} reports it below zero.
         */
        GUARANTEE_FUND(true, true),
        /**
         * Where a sandbox's play money comes from and goes back to: in a transaction in play, it stands in for the
         * platform's own accounts (funding from outside, fees, the guarantee fund), so that play money never reaches
         * them. Owner: {@link #PLATFORM}.
         */
        PLAY_MONEY(true, false);

        /** The platform's own accounts that {@link #PLAY_MONEY} stands in for in a transaction in play. */
        boolean platformOwned() {
            return this == FUNDING || this == PLATFORM_FEES || this == GUARANTEE_FUND;
        }

        private final boolean mayBeNegative;
        private final boolean floorAtZero;

        Type(boolean mayBeNegative) {
            this(mayBeNegative, !mayBeNegative);
        }

        Type(boolean mayBeNegative, boolean floorAtZero) {
            this.mayBeNegative = mayBeNegative;
            this.floorAtZero = floorAtZero;
        }

        /** Whether a posting may take it below zero. */
        public boolean mayBeNegative() {
            return mayBeNegative;
        }

        /** Whether a balance below zero is a problem the audit reports. */
        public boolean floorAtZero() {
            return floorAtZero;
        }
    }

    public static LedgerAccount organisation(long organisationId) {
        return new LedgerAccount(Type.ORGANISATION, organisationId, Money.EUR);
    }

    public static LedgerAccount batchEscrow(long batchId) {
        return new LedgerAccount(Type.BATCH_ESCROW, batchId, Money.EUR);
    }

    public static LedgerAccount shiftEscrow(long shiftId) {
        return new LedgerAccount(Type.SHIFT_ESCROW, shiftId, Money.EUR);
    }

    public static LedgerAccount errandEscrow(long errandId) {
        return new LedgerAccount(Type.ERRAND_ESCROW, errandId, Money.EUR);
    }

    public static LedgerAccount visitEscrow(long visitId) {
        return new LedgerAccount(Type.VISIT_ESCROW, visitId, Money.EUR);
    }

    public static LedgerAccount circleReserve(long memberId) {
        return new LedgerAccount(Type.CIRCLE_RESERVE, memberId, Money.EUR);
    }

    public static LedgerAccount worker(long workerId) {
        return new LedgerAccount(Type.WORKER, workerId, Money.EUR);
    }

    public static LedgerAccount payoutPending(long workerId) {
        return new LedgerAccount(Type.PAYOUT_PENDING, workerId, Money.EUR);
    }

    public static LedgerAccount platform(Type type) {
        return new LedgerAccount(type, PLATFORM, Money.EUR);
    }

    public String describe() {
        return switch (type) {
            case ORGANISATION -> "the organisation's balance";
            case BATCH_ESCROW -> "the escrow of batch " + ownerId;
            case SHIFT_ESCROW -> "the escrow of shift " + ownerId;
            case ERRAND_ESCROW -> "the escrow of errand " + ownerId;
            case VISIT_ESCROW -> "the escrow of visit " + ownerId;
            case CIRCLE_RESERVE -> "a member's reserve in a sick-pay circle";
            case WORKER -> "the worker's balance";
            case PAYOUT_PENDING -> "pending payouts";
            case GUARANTEE_FUND -> "the platform's guarantee fund";
            case PLAY_MONEY -> "play money";
            default -> type.name().toLowerCase().replace('_', ' ');
        };
    }
}
