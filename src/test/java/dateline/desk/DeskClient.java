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

    /** The password of every account the desk tests make. */
    static final String PASSWORD = "correct horse battery staple";

    /** Makes a desk account on the site and returns a client signed in as it: the desk tests' shared fixture. */
    static DeskClient newAccount(TestSite site, String email, String name, Role role) {
        site.app.parts().accounts().create(email, name, role, PASSWORD, "test");
        return signedIn(site, email, PASSWORD);
    }

    /** A client already signed in as this account (the sign-in is checked). */
    static DeskClient signedIn(TestSite site, String email, String password) {
        DeskClient client = new DeskClient(site);
        HttpResponse<String> response = client.signIn(email, password);
        if (response.statusCode() != 303) {
            throw new AssertionError("sign-in as " + email + " answered " + response.statusCode());
        }
        return client;
    }

    /** The story form as the desk page sends it, with this client's CSRF token. */
    String storyForm(String sectionId, String headline, String body, int version, String action) {
        return "_csrf=" + csrf + "&version=" + version + "&headline=" + enc(headline) + "&standfirst=" + enc("A standfirst.")
                + "&bodyHtml=" + enc(body) + "&sectionId=" + sectionId + "&tags=" + enc("Trade, Ports")
                + "&language=en&source=staff&action=" + action;
    }

    /** A multipart/form-data POST, as the editor's script sends it (asking for JSON); the CSRF token is added. */
    HttpResponse<String> postMultipart(String path, java.util.Map<String, String> fields, String fileField, String fileName, byte[] file) {
        return postMultipart(path, fields, fileField, fileName, file, "application/json");
    }

    /** A multipart/form-data POST, as a browser sends a form with a file field (asking for a page); the CSRF token is added. */
    HttpResponse<String> postFormWithFile(String path, java.util.Map<String, String> fields, String fileField, String fileName, byte[] file) {
        return postMultipart(path, fields, fileField, fileName, file, "text/html,application/xhtml+xml");
    }

    private HttpResponse<String> postMultipart(String path, java.util.Map<String, String> fields, String fileField, String fileName, byte[] file,
                                               String accept) {
        String boundary = "----dateline" + System.nanoTime();
        var out = new java.io.ByteArrayOutputStream();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("_csrf", csrf);
        all.putAll(fields);
        all.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileField != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return site.postBody(path, "multipart/form-data; boundary=" + boundary, out.toByteArray(),
                "Cookie", DeskRoutes.SESSION_COOKIE + "=" + sessionCookie, "Accept", accept);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
