package dev.hierarchicalrbac.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", " Application/JSON ", "application/merge-patch+json"})
    void jsonTypesAreAccepted(String type) {
        assertTrue(JsonBody.isJson(type));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "application/jsonx", "application/json-seq", "text/json+xml", "application/xml"})
    void otherTypesAreRefused(String type) {
        assertFalse(JsonBody.isJson(type));
    }
}
