package dateline.desk;

import dateline.TestSite;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to a test site's desk over HTTP as a browser would, and remembers the session cookie and CSRF token. */
final class DeskClient {
    final TestSite site;
    String sessionCookie;
    String csrf;

    DeskClient(TestSite site) {
        this.site = site;
    }

    static String cookieValue(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=") && !c.startsWith(name + "=;"))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst().orElse(null);
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** Fills in and sends the sign-in form; returns the response to the POST. */
    HttpResponse<String> signIn(String email, String password) {
        HttpResponse<String> form = site.get("/desk/login");
        String loginCsrf = hidden(form.body(), "_csrf");
        String cookie = cookieValue(form, DeskRoutes.LOGIN_CSRF_COOKIE);
        HttpResponse<String> response = site.postForm("/desk/login", "_csrf=" + loginCsrf + "&email=" + enc(email) + "&password=" + enc(password),
                "Cookie", DeskRoutes.LOGIN_CSRF_COOKIE + "=" + cookie);
        sessionCookie = cookieValue(response, DeskRoutes.SESSION_COOKIE);
        if (sessionCookie != null) {
            csrf = hidden(get("/desk").body(), "_csrf");
        }
        return response;
    }

    HttpResponse<String> get(String path) {
        return sessionCookie == null ? site.get(path) : site.get(path, "Cookie", DeskRoutes.SESSION_COOKIE + "=" + sessionCookie);
    }

    HttpResponse<String> post(String path, String form) {
        return sessionCookie == null ? site.postForm(path, form)
                : site.postForm(path, form, "Cookie", DeskRoutes.SESSION_COOKIE + "=" + sessionCookie);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
