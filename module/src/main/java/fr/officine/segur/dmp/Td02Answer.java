package fr.officine.segur.dmp;

import java.util.Map;

/**
 * A TD0.2 answer as the DMP gives it: queryResponseCode OK (a DMP exists, open or closed) / NF (no
 * DMP), and the attentionLine keys (AUTORISATION, STATUT_DMP, OPPOSITION_ALIMENTATION...).
 */
public record Td02Answer(String queryResponseCode, Map<String, String> attentionLines) {
  public String attention(String key) {
    return attentionLines.getOrDefault(key, "");
  }
}
