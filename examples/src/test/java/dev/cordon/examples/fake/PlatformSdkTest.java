package dev.cordon.examples.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, fine-tuning jobs and the model list through the real openai-java SDK, no agent. */
class PlatformSdkTest extends SdkTestBase {

    @Test
    void uploadAFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.jsonl");
        Files.writeString(data, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n");

        FileObject file = client.files().create(FileCreateParams.builder().file(data).purpose(FilePurpose.FINE_TUNE).build());

        assertTrue(file.id().startsWith("file-"));
        assertEquals("train.jsonl", file.filename());
        assertEquals(Files.size(data), file.bytes());
        assertEquals("fine-tune", file.purpose().asString());
        FakeOpenAiServer.RecordedRequest r = onlyRequest();
        assertEquals("/v1/files", r.path());
        assertTrue(r.headers().get("content-type").startsWith("multipart/form-data"));
        assertTrue(r.body().contains("\"content\":\"hi\""));
    }

    @Test
    void createAFineTuningJob() {
        FineTuningJob job = client.fineTuning().jobs().create(JobCreateParams.builder()
                .model(JobCreateParams.Model.GPT_4O_MINI).trainingFile("file-abc123").suffix("support").build());

        assertTrue(job.id().startsWith("ftjob-"));
        assertEquals("gpt-4o-mini", job.model());
        assertEquals("file-abc123", job.trainingFile());
        assertEquals(FineTuningJob.Status.QUEUED, job.status());
        assertEquals("/v1/fine_tuning/jobs", onlyRequest().path());
    }

    @Test
    void listModels() {
        List<Model> models = client.models().list().data();
        assertTrue(models.stream().anyMatch(m -> m.id().equals("gpt-4o-mini")));
        assertEquals("GET", onlyRequest().method());
    }
}
