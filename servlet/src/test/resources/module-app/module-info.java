// An application module on embedded Jetty with ramphook: compiled and run on the module path by
// ServletModulePathTest, as an application would be.
module com.example.app {
    requires dev.ramphook.servlet;                   // and, transitively, dev.ramphook.core and jakarta.servlet
    requires org.eclipse.jetty.ee10.servlet;
    uses jakarta.servlet.ServletContainerInitializer; // finds ramphook's zero-code drop-in
    // Handler classes and @OnEvent methods that are not public: core calls the methods, the drop-in creates the
    // classes named in ramphook.handlers.
    opens com.example.app to dev.ramphook.core, dev.ramphook.servlet;
}
