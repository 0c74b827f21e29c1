package dateline.desk;

/** The desk's sign-in form, with the error of the last try and the address typed (never the password). */
public record LoginPage(DeskChrome chrome, String error, String email, String loginCsrf) {}
