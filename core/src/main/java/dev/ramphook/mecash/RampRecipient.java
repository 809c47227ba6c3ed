package dev.ramphook.mecash;

/** Who receives a {@link RampPayout}: a fiat account holder (off-ramp) or a crypto wallet. */
public sealed interface RampRecipient permits RampRecipient.Fiat, RampRecipient.Wallet {

    /**
     * The recipient of an off-ramp payout (category {@code OFF_RAMP}), paid by bank transfer or mobile money.
     *
     * @param name           the recipient's name
     * @param type           {@code BUSINESS} or {@code INDIVIDUAL}
     * @param paymentChannel how they are paid ({@code BANK_TRANSFER})
     * @param currency       the settlement currency ({@code NGN})
     * @param country        the ISO country code ({@code NG})
     * @param address        the recipient's address
     * @param email          the recipient's email address
     * @param website        the recipient's website
     * @param account        the account paid into; {@code null} when the delivery has none
     */
    record Fiat(String name, String type, String paymentChannel, String currency, String country, String address,
                String email, String website, Account account) implements RampRecipient {
    }

    /**
     * A bank or mobile-money account. Which fields are filled depends on the channel and country; meCash sends
     * empty strings for the others.
     *
     * @param bankName       the bank's name
     * @param sortCode       the bank sort code
     * @param accountNumber  the account number; {@link #toString()} shows only its last four characters
     * @param branchCode     the branch code
     * @param mobileProvider the mobile-money provider
     * @param address        the account holder's address
     * @param swiftCode      the SWIFT/BIC code
     * @param routingNumber  the routing number
     */
    record Account(String bankName, String sortCode, String accountNumber, String branchCode, String mobileProvider,
                   String address, String swiftCode, String routingNumber) {

        /** Masks the account number and leaves out the address: logs are no place for them. */
        @Override
        public String toString() {
            return "Account[bankName=" + bankName + ", sortCode=" + sortCode + ", accountNumber=" + masked()
                    + ", branchCode=" + branchCode + ", mobileProvider=" + mobileProvider + ", swiftCode="
                    + swiftCode + ", routingNumber=" + routingNumber + "]";
        }

        private String masked() {
            if (accountNumber == null) {
                return "null";
            }
            int n = accountNumber.length();
            return n <= 4 ? "****" : "****" + accountNumber.substring(n - 4);
        }
    }

    /**
     * The recipient of a crypto-to-crypto payout (category {@code CRYPTOCURRENCY}).
     *
     * @param address    the wallet address
     * @param alias      the integrator's name for the wallet
     * @param blockchain the network ({@code MATIC})
     * @param symbol     the network's native token symbol ({@code POL})
     */
    record Wallet(String address, String alias, String blockchain, String symbol) implements RampRecipient {
    }
}
