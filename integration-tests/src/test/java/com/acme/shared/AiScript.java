package com.acme.shared;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.FunctionDefinition;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An application's AI code, driven by a tiny script so that one child JVM can make several calls.
 * It lives in a package no principal matches, so the principal is decided by whoever calls it
 * (com.acme.support.SupportMain or com.acme.training.TrainerMain), as in a real layered app.
 *
 * <p>Steps (one per argument): {@code chat:MODEL[:max=N][:tools=a,b][:text=...]},
 * {@code stream:MODEL[:usage][:tools=a,b][:text=...]}, {@code async:MODEL}, {@code embed:MODEL}, {@code responses:MODEL},
 * {@code streamtext:MODEL:text=...} (a streamed chat with that user text), {@code embedtext:MODEL:text=...},
 * {@code chatescaped:MODEL:text=...} (a chat whose text may spell characters as backslash-u escapes),
 * {@code finetune:MODEL[:epochs=N|auto][:file=last]}, {@code upload:PATH}, {@code thread:NAME:STEP} (STEP on a
 * new thread of that name),
 * {@code wait:PATH} (until the file exists), {@code sleep:MS}, {@code repeat:N:STEP...}.
 * Each step prints one line: {@code #i OK detail}, {@code #i DENIED class: message} or
 * {@code #i FAIL class: message}.
 */
public final class AiScript {
  private final OpenAIClient client;
  private final OpenAIClientAsync async;
  private volatile int step;
  /** The id the provider gave the last upload, for {@code finetune:MODEL:file=last}. */
  private volatile String lastUploadedFileId;

  public AiScript() {
    String base = System.getProperty("fake.url");
    int retries = Integer.getInteger("ai.retries", 0);
    client = OpenAIOkHttpClient.builder().baseUrl(base).apiKey("sk-test-key").maxRetries(retries).build();
    async = OpenAIOkHttpClientAsync.builder().baseUrl(base).apiKey("sk-test-key").maxRetries(retries).build();
  }

  public void run(String[] steps) throws Exception {
    for (String s : steps) runStep(s);
    System.out.flush();
  }

  private void runStep(String s) throws Exception {
    String[] parts = s.split(":");
    switch (parts[0]) {
      case "wait" -> {
        Path p = Path.of(s.substring(5));
        long until = System.currentTimeMillis() + 30_000;
        while (!Files.exists(p) && System.currentTimeMillis() < until) Thread.sleep(20);
        return;
      }
      case "sleep" -> {
        Thread.sleep(Long.parseLong(parts[1]));
        return;
      }
      case "thread" -> {
        // thread:NAME:STEP runs STEP on a new thread of that name (principals matched by thread).
        String name = parts[1];
        String inner = s.substring(8 + name.length());
        Exception[] failed = new Exception[1];
        Thread t = new Thread(() -> {
          try {
            runStep(inner);
          } catch (Exception e) {
            failed[0] = e;
          }
        }, name);
        t.start();
        t.join();
        if (failed[0] != null) throw failed[0];
        return;
      }
      case "parallel" -> {
        parallel(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), s.substring(s.indexOf(parts[3], 9)));
        return;
      }
      default -> { }
    }
    int i = ++step;
    try {
      String detail = switch (parts[0]) {
        case "chat" -> chat(parts);
        case "stream" -> stream(parts);
        case "async" -> asyncChat(parts);
        case "embed" -> embed(parts[1]);
        case "responses" -> responses(parts[1]);
        case "streamtext" -> streamText(parts);
        case "chatescaped" -> chat(unescape(parts));
        case "embedtext" -> embedText(parts);
        case "finetune" -> fineTune(parts);
        case "upload" -> upload(s.substring(7));
        default -> throw new IllegalArgumentException("unknown step " + s);
      };
      System.out.println("#" + i + " OK " + detail);
    } catch (SecurityException e) {
      System.out.println("#" + i + " DENIED " + e.getClass().getName() + ": " + e.getMessage());
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      String kind = c instanceof SecurityException ? "DENIED " : "FAIL ";
      System.out.println("#" + i + " " + kind + c.getClass().getName() + ": " + c.getMessage());
    } catch (RuntimeException e) {
      System.out.println("#" + i + " FAIL " + e.getClass().getName() + ": " + e.getMessage());
    }
  }

  /** {@code parallel:THREADS:COUNT:STEP}: each thread runs STEP COUNT times; prints one summary line. */
  private void parallel(int threads, int count, String step) throws Exception {
    int i = ++this.step;
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger denied = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        for (int k = 0; k < count; k++) {
          try {
            chat(step.split(":"));
            ok.incrementAndGet();
          } catch (SecurityException e) {
            denied.incrementAndGet();
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      }, "worker-" + t);
      workers[t].start();
    }
    for (Thread w : workers) w.join();
    System.out.println("#" + i + " OK ok=" + ok + " denied=" + denied + " fail=" + failures.size()
        + (failures.isEmpty() ? "" : " first=" + failures.peek()));
  }

  private ChatCompletionCreateParams chatParams(String[] parts) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(parts[1]);
    String text = "Where is my order 1234?";
    for (int k = 2; k < parts.length; k++) {
      String p = parts[k];
      if (p.startsWith("max=")) b.maxCompletionTokens(Long.parseLong(p.substring(4)));
      else if (p.startsWith("big=")) text = "x".repeat(Integer.parseInt(p.substring(4)));
      else if (p.startsWith("text=")) text = p.substring(5);
      else if (p.startsWith("tools=")) {
        for (String t : p.substring(6).split(",")) {
          b.addTool(ChatCompletionFunctionTool.builder()
              .function(FunctionDefinition.builder().name(t).description("tool " + t).build()).build());
        }
      }
    }
    return b.addUserMessage(text).build();
  }

  private String chat(String[] parts) {
    ChatCompletion c = client.chat().completions().create(chatParams(parts));
    return c.model() + " " + c.choices().get(0).message().content().orElse("");
  }

  private String stream(String[] parts) {
    ChatCompletionCreateParams params = chatParams(java.util.Arrays.stream(parts).filter(p -> !p.equals("usage"))
        .toArray(String[]::new));
    if (java.util.Arrays.asList(parts).contains("usage")) {
      params = params.toBuilder().streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
          .includeUsage(true).build()).build();
    }
    StringBuilder sb = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> r = client.chat().completions().createStreaming(params)) {
      r.stream().forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(sb::append)));
    }
    return "streamed " + sb;
  }

  /** Turns backslash-u escapes in a text= part into characters (command-line arguments are not always Unicode-safe). */
  private static String[] unescape(String[] parts) {
    String[] out = parts.clone();
    for (int k = 2; k < out.length; k++) {
      if (!out[k].startsWith("text=")) continue;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(out[k]);
      StringBuilder sb = new StringBuilder();
      while (m.find()) m.appendReplacement(sb, String.valueOf((char) Integer.parseInt(m.group(1), 16)));
      m.appendTail(sb);
      out[k] = sb.toString();
    }
    return out;
  }

  private String streamText(String[] parts) {
    StringBuilder sb = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> r = client.chat().completions().createStreaming(chatParams(parts))) {
      r.stream().forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(sb::append)));
    }
    return "streamed " + sb;
  }

  private String embedText(String[] parts) {
    String text = parts.length > 2 && parts[2].startsWith("text=") ? parts[2].substring(5) : "the quick brown fox";
    CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
        .model(parts[1]).input(text).build());
    return "embedding dims=" + r.data().get(0).embedding().size();
  }

  private String asyncChat(String[] parts) throws Exception {
    ChatCompletion c = async.chat().completions().create(chatParams(parts)).get();
    return "async " + c.model() + " " + c.choices().get(0).message().content().orElse("");
  }

  private String embed(String model) {
    CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
        .model(model).input("the quick brown fox").build());
    return "embedding dims=" + r.data().get(0).embedding().size();
  }

  /** {@code finetune:MODEL[:epochs=N|auto]}: a fine-tuning job on base model MODEL. */
  private String fineTune(String[] parts) {
    var b = com.openai.models.finetuning.jobs.JobCreateParams.builder().model(parts[1]).trainingFile("file-abc123");
    for (int k = 2; k < parts.length; k++) {
      if (parts[k].startsWith("epochs=")) {
        var h = com.openai.models.finetuning.jobs.JobCreateParams.Hyperparameters.builder();
        String n = parts[k].substring(7);
        b.hyperparameters((n.equals("auto") ? h.nEpochsAuto() : h.nEpochs(Long.parseLong(n))).build());
      } else if (parts[k].equals("file=last")) {
        b.trainingFile(lastUploadedFileId);
      }
    }
    var job = client.fineTuning().jobs().create(b.build());
    return "job " + job.model() + " " + job.status();
  }

  /** {@code upload:PATH}: uploads a training file. */
  private String upload(String path) {
    var f = client.files().create(com.openai.models.files.FileCreateParams.builder().file(Path.of(path))
        .purpose(com.openai.models.files.FilePurpose.FINE_TUNE).build());
    lastUploadedFileId = f.id();
    return "file " + f.filename() + " " + f.bytes() + " " + f.id();
  }

  private String responses(String model) {
    Response r = client.responses().create(ResponseCreateParams.builder().model(model).input("Say hi").build());
    return "response " + r.model();
  }
}
