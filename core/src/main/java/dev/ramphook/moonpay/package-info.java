/**
 * MoonPay widget webhooks: the {@link dev.ramphook.moonpay.MoonPay} provider, Buy and Sell transactions typed as
 * {@link dev.ramphook.moonpay.MoonPayBuy} and {@link dev.ramphook.moonpay.MoonPaySell} (sealed
 * {@link dev.ramphook.moonpay.MoonPayTransaction}).
 */
package dev.ramphook.moonpay;
