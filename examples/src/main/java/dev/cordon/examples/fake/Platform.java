package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The non-inference endpoints Cordon governs or a client touches on start-up: file upload
 * (model.files), fine-tuning job creation (model.fine_tune) and the model list. Field names
 * follow the openai-java SDK's FileObject, FineTuningJob and Model classes.
 */
final class Platform {
    private static final List<String> MODELS =
            List.of("gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "text-embedding-3-large");
    private static final long MODEL_CREATED = 1721172741L;

    /** POST /v1/files (multipart: "file" and "purpose"). */
    Reply uploadFile(String contentType, byte[] body) {
        List<Multipart.Part> parts = Multipart.parse(contentType, body);
        Multipart.Part file = parts.stream().filter(p -> "file".equals(p.name())).findFirst()
                .orElseThrow(() -> ApiError.missing("file"));
        String purpose = parts.stream().filter(p -> "purpose".equals(p.name())).findFirst()
                .map(Multipart.Part::text).orElseThrow(() -> ApiError.missing("purpose"));
        ObjectNode f = Json.object();
        f.put("object", "file");
        f.put("id", Ids.of("file-", 22));
        f.put("purpose", purpose);
        f.put("filename", file.filename() == null ? "upload" : file.filename());
        f.put("bytes", file.content().length);
        f.put("created_at", Ids.nowSeconds());
        f.putNull("expires_at");
        f.put("status", "processed");
        f.putNull("status_details");
        return Reply.ok(f);
    }

    /** POST /v1/fine_tuning/jobs: a queued job echoing model, training file and hyper-parameters. */
    Reply createFineTuningJob(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        JsonNode trainingFile = request.get("training_file");
        if (trainingFile == null || !trainingFile.isTextual()) {
            throw ApiError.missing("training_file");
        }
        ObjectNode hyper = Json.object();
        for (String key : List.of("batch_size", "learning_rate_multiplier", "n_epochs")) {
            JsonNode given = request.at("/hyperparameters/" + key);
            hyper.set(key, given.isMissingNode() ? Json.MAPPER.getNodeFactory().textNode("auto") : given);
        }
        ObjectNode job = Json.object();
        job.put("object", "fine_tuning.job");
        job.put("id", Ids.of("ftjob-", 24));
        job.put("model", model);
        job.put("created_at", Ids.nowSeconds());
        job.putNull("finished_at");
        job.putNull("fine_tuned_model");
        job.put("organization_id", "org-fake");
        job.putArray("result_files");
        job.put("status", "queued");
        job.set("validation_file", request.path("validation_file").isTextual() ? request.get("validation_file") : null);
        job.set("training_file", trainingFile);
        job.set("hyperparameters", hyper);
        job.putNull("trained_tokens");
        job.putNull("error");
        job.put("seed", request.path("seed").asLong(42));
        job.putNull("estimated_finish");
        job.set("integrations", request.path("integrations").isArray() ? request.get("integrations") : Json.array());
        job.set("user_provided_suffix", request.path("suffix").isTextual() ? request.get("suffix") : null);
        job.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : null);
        ObjectNode method = job.putObject("method");
        method.put("type", "supervised");
        method.putObject("supervised").set("hyperparameters", hyper.deepCopy());
        return Reply.ok(job);
    }

    /** GET /v1/models. */
    Reply listModels() {
        ObjectNode list = Json.object();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : MODELS) {
            data.addObject().put("id", id).put("object", "model").put("created", MODEL_CREATED).put("owned_by", "system");
        }
        return Reply.ok(list);
    }
}
