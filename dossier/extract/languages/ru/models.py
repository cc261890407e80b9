"""natasha's models, loaded once and passed to the Russian component.

natasha ships its weights on PyPI (navec embeddings, slovnet NER, morphology and
syntax), so nothing is downloaded at run time. Loading takes about a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RussianModels:
    """natasha's segmenter, taggers, parser and the pymorphy2 vocabulary."""

    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any
    vocab: Any

    def parse(self, text: str) -> Any:
        """A natasha `Doc` of `text`: sentences, tokens with lemmas, a parse, NER spans."""
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        for token in doc.tokens:
            token.lemmatize(self.vocab)
        for span in doc.spans:
            span.normalize(self.vocab)
        return doc


def load_russian() -> RussianModels:
    """Load natasha's news models (Russian; they carry Ukrainian only partly)."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return RussianModels(
        segmenter=Segmenter(),
        morph=NewsMorphTagger(embedding),
        syntax=NewsSyntaxParser(embedding),
        ner=NewsNERTagger(embedding),
        vocab=MorphVocab(),
    )
