package dev.ramphook.mecash;

import java.util.Optional;

/**
 * Who receives a {@link MeCashPayout}: a fiat account holder (off-ramp) or a crypto wallet. Fields meCash may omit
 * are {@link Optional}; the others are always present (see {@link MeCashPayout} for what happens when they are not).
 */
public sealed interface MeCashRecipient permits MeCashRecipient.Fiat, MeCashRecipient.Wallet {

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
     * @param account        the account paid into, when the delivery has one
     */
    record Fiat(String name, String type, Optional<String> paymentChannel, Optional<String> currency,
                Optional<String> country, Optional<String> address, Optional<String> email, Optional<String> website,
                Optional<Account> account) implements MeCashRecipient {
    }

    /**
     * A bank or mobile-money account. {@code accountNumber} is always present; which other fields are filled
     * depends on the channel and country (meCash sends empty strings or omits the others).
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
    record Account(Optional<String> bankName, Optional<String> sortCode, String accountNumber,
                   Optional<String> branchCode, Optional<String> mobileProvider, Optional<String> address,
                   Optional<String> swiftCode, Optional<String> routingNumber) {

        /** Masks the account number and leaves out the address: logs are no place for them. */
        @Override
        public String toString() {
            return "Account[bankName=" + bankName + ", sortCode=" + sortCode + ", accountNumber=" + masked()
                    + ", branchCode=" + branchCode + ", mobileProvider=" + mobileProvider + ", swiftCode="
                    + swiftCode + ", routingNumber=" + routingNumber + "]";
        }

        private String masked() {
            int n = accountNumber.length();
            return n <= 4 ? "****" : "****" + accountNumber.substring(n - 4);
        }
    }

    /**
     * The recipient of a crypto-to-crypto payout (category {@code CRYPTOCURRENCY}); {@code address} and
     * {@code blockchain} are always present.
     *
     * @param address    the wallet address
     * @param alias      the integrator's name for the wallet
     * @param blockchain the network ({@code MATIC})
     * @param symbol     the network's native token symbol ({@code POL})
     */
    record Wallet(String address, Optional<String> alias, String blockchain, Optional<String> symbol)
            implements MeCashRecipient {
    }
}
