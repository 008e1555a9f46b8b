package dev.cordon.redact.corpus;

import dev.cordon.redact.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The labelled accuracy corpus: realistic prompts (support tickets, code with keys, logs, chat in
 * several languages, e-mails) built from templates whose slots are filled with generated values,
 * each labelled with its exact span and type, mixed with look-alikes that must not be found (order
 * numbers, Luhn-failing card-length numbers, IBANs with a wrong check, versions, dates, hashes...).
 * Deterministic for a seed.
 */
public final class Corpus {
  public record Sample(String kind, String text, List<Span> gold) {}

  static final List<String> TICKETS = List.of(
      "Hi, I was charged twice on card {CARD}. Please refund to the same card. You can reach me at {EMAIL} or {PHONE}. {NOISE}",
      "Customer {EMAIL} reports login failures from {IP4} since yesterday; {NOISE}. Escalate if it happens again.",
      "Please update my bank details: IBAN {IBAN}. My old account was {NOISE}. Thanks, {FIRST}",
      "Verification: my SSN is {SSN} and my date of birth is 1985-04-12. Order {NOISE} still hasn't arrived.",
      "Caller gave SSN {SSN_BARE} for identity check, callback number {PHONE}.",
      "Refund request for {NOISE}: customer paid with {CARD}, contact {EMAIL}.",
      "The user at {IP6} keeps hitting the rate limit ({NOISE}). Contact: {EMAIL}",
      "Summarize this ticket: {FIRST} ({EMAIL}, tel {PHONE}) wants to close account {NOISE} and move funds to {IBAN}.");

  static final List<String> CODE = List.of(
      "Why does this fail?\n```python\nimport openai\nclient = openai.OpenAI(api_key=\"{SECRET}\")\nprint(client.models.list())\n```\n{NOISE}",
      "My .env file:\nDATABASE_URL=postgres://app@{IP4}:5432/app\nAPI_KEY={SECRET}\nADMIN_EMAIL={EMAIL}\n# {NOISE}",
      "Review this config:\n```yaml\naws:\n  access_key_id: {SECRET}\n  region: eu-west-1\nnotify: {EMAIL}\n```",
      "curl -H 'Authorization: Bearer {SECRET}' https://api.example.com/v1/items # build {NOISE}",
      "Here is the key we use in staging, is the format right?\n{SECRET}\n\nThe server is {IP4}.",
      "String token = \"{SECRET}\"; // TODO move to vault, ticket {NOISE}",
      "Explain this stack trace: at com.acme.Billing.charge(Billing.java:42) caused by CardDeclined for {CARD} {NOISE}");

  static final List<String> LOGS = List.of(
      "{IP4} - - [12/Mar/2024:10:15:32 +0000] \"GET /api/orders/{DIGITS} HTTP/1.1\" 200 512 \"-\" \"curl/8.4\"",
      "2024-03-12T10:15:32Z WARN auth failed for {EMAIL} from {IP4} attempt={DIGITS}",
      "2024-03-12T10:15:33Z INFO payment ok card={CARD} amount=49.90 order={NOISE}",
      "Mar 12 10:15:34 host sshd[{DIGITS}]: Accepted publickey for deploy from {IP6} port 51514",
      "ERROR upstream {IP4}:8080 timed out after 30s ({NOISE})");

  static final List<String> MULTI = List.of(
      "Bonjour, je n'arrive pas à me connecter. Mon e-mail est {EMAIL} et mon numéro {PHONE}. Référence {NOISE}.",
      "Hallo, bitte überweisen Sie die Erstattung auf IBAN {IBAN}. Meine Kundennummer ist {NOISE}.",
      "Hola, mi tarjeta {CARD} fue rechazada. Escríbame a {EMAIL}, gracias.",
      "こんにちは、{EMAIL} のアカウントでログインできません。注文番号は {NOISE} です。",
      "您好，请把发票发送到 {EMAIL}，电话 {PHONE}。订单 {NOISE}。",
      "Здравствуйте! Мой IBAN {IBAN}, пожалуйста, верните деньги. Заказ {NOISE}.",
      "Ciao, il server {IP4} non risponde da ieri. Versione {NOISE}.");

  static final List<String> CLEAN = List.of(
      "Write a haiku about autumn leaves and the quiet of an empty train station.",
      "Translate to German: the meeting is moved to Thursday at 10:30, room 4.12.",
      "What is the difference between TCP and UDP? Keep it under 100 words. Reference {NOISE}.",
      "Summarize: Q3 revenue grew 12% to $4,512.30k; headcount 1,245; {NOISE}.",
      "Refactor this: for (int i = 0; i < 1000000; i++) { sum += i * 31 % 7; } // {NOISE}",
      "Our SLA is 99.95% and the p99 latency target is 250 ms; order {NOISE} missed it.");

  private final Random r;
  private final Values v;

  public Corpus(long seed) {
    this.r = new Random(seed);
    this.v = new Values(r);
  }

  public static List<Sample> generate(long seed, int n) {
    Corpus c = new Corpus(seed);
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(c.next());
    return out;
  }

  Sample next() {
    int k = r.nextInt(100);
    String kind;
    List<String> templates;
    if (k < 35) {
      kind = "ticket";
      templates = TICKETS;
    } else if (k < 55) {
      kind = "code";
      templates = CODE;
    } else if (k < 70) {
      kind = "log";
      templates = LOGS;
    } else if (k < 88) {
      kind = "multilingual";
      templates = MULTI;
    } else {
      kind = "clean";
      templates = CLEAN;
    }
    StringBuilder sb = new StringBuilder();
    List<Span> gold = new ArrayList<>();
    String t = v.pick(templates);
    int i = 0;
    while (i < t.length()) {
      int open = t.indexOf('{', i);
      int close = open < 0 ? -1 : t.indexOf('}', open);
      if (open < 0 || close < 0) {
        sb.append(t, i, t.length());
        break;
      }
      sb.append(t, i, open);
      String slot = t.substring(open + 1, close);
      if (slot.matches("[A-Z0-9_]+")) {
        fill(slot, sb, gold);
        i = close + 1;
      } else {
        sb.append('{');
        i = open + 1;
      }
    }
    if (r.nextInt(12) == 0) hideInvisible(sb, gold);
    return new Sample(kind, sb.toString(), gold);
  }

  private void fill(String slot, StringBuilder sb, List<Span> gold) {
    switch (slot) {
      case "EMAIL" -> label(sb, gold, v.email(), "EMAIL");
      case "PHONE" -> label(sb, gold, v.phone(), "PHONE");
      case "CARD" -> label(sb, gold, v.card(), "CREDIT_CARD");
      case "IBAN" -> label(sb, gold, v.iban(true), "IBAN");
      case "SSN" -> label(sb, gold, v.ssnDashed(), "US_SSN");
      case "SSN_BARE" -> label(sb, gold, v.ssnDashed().replace("-", r.nextBoolean() ? "" : " "), "US_SSN");
      case "IP4" -> label(sb, gold, v.ipv4(), "IP_ADDRESS");
      case "IP6" -> label(sb, gold, v.ipv6(), "IP_ADDRESS");
      case "SECRET" -> label(sb, gold, v.secret(), "SECRET");
      case "FIRST" -> {
        String f = v.pick(Values.FIRST);
        sb.append(Character.toUpperCase(f.charAt(0))).append(f.substring(1));
      }
      case "DIGITS" -> sb.append(v.digits(3 + r.nextInt(5)));
      case "NOISE" -> sb.append(v.lookAlike());
      default -> throw new IllegalArgumentException(slot);
    }
  }

  private static void label(StringBuilder sb, List<Span> gold, String value, String type) {
    gold.add(new Span(sb.length(), sb.length() + value.length(), type));
    sb.append(value);
  }

  /** Zero-width and bidi characters slipped between words (prompt-injection smuggling). */
  private void hideInvisible(StringBuilder sb, List<Span> gold) {
    String[] hidden = {"\u200B", "\u200D", "\u2060", "\u202E", "\uFEFF", "\uDB40\uDC49"};
    int at = sb.lastIndexOf(" ");
    if (at <= 0) return;
    for (Span s : gold) if (s.start() <= at && at < s.end()) return; // never inside a labelled value
    String h = hidden[r.nextInt(hidden.length)];
    sb.insert(at, h);
    List<Span> moved = new ArrayList<>();
    for (Span s : gold) moved.add(s.start() >= at ? new Span(s.start() + h.length(), s.end() + h.length(), s.type()) : s);
    moved.add(new Span(at, at + h.length(), "INVISIBLE"));
    moved.sort(java.util.Comparator.comparingInt(Span::start));
    gold.clear();
    gold.addAll(moved);
  }
}
