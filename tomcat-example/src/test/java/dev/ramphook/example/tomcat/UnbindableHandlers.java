package dev.ramphook.example.tomcat;

import dev.ramphook.OnEvent;

/** A handler whose parameter no event can bind: the zero-code drop-in must refuse it when the context starts. */
public class UnbindableHandlers {

    @OnEvent("*")
    void settled(String text) {
    }
}
