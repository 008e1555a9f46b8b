package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered in OpenAI's shape:
 * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String message, String type, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiError invalidUrl(String method, String path) {
        return new ApiError(404, "Invalid URL (" + method + " " + path + ")",
                "invalid_request_error", null, null);
    }

    static ApiError badJson() {
        return new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely"
                + " means you aren't using your HTTP library correctly. The OpenAI API expects a JSON"
                + " payload, but what was sent was not valid JSON.)", "invalid_request_error", null, null);
    }

    static ApiError missing(String param) {
        return new ApiError(400, "Missing required parameter: '" + param + "'.",
                "invalid_request_error", param, "missing_required_parameter");
    }

    static ApiError invalid(String param, String message) {
        return new ApiError(400, message, "invalid_request_error", param, null);
    }

    ObjectNode body() {
        ObjectNode error = Json.object();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode root = Json.object();
        root.set("error", error);
        return root;
    }
}
