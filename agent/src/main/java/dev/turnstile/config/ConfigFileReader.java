package dev.turnstile.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the text of the properties file named by {@code turnstile.config}; a seam for tests. */
@FunctionalInterface
public interface ConfigFileReader {

    /**
     * The whole text of the file.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws IOException when it cannot be read
     */
    String read(Path path) throws IOException;

    /**
     * Reads from the file system as UTF-8, falling back to ISO-8859-1 (the historical encoding of
     * properties files) when the bytes are not valid UTF-8.
     */
    static ConfigFileReader fileSystem() {
        return path -> {
            byte[] bytes = Files.readAllBytes(path);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        };
    }
}
