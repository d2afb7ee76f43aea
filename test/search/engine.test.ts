/**
 * The search engine's segmentation: what makes Japanese, full-width and mixed queries meet the
 * text they were written for.
 */
import { describe, expect, it } from 'vitest'
import { normalize, runIndexTerms, runs, runTerms, slug, snippet, terms } from '../../src/search/engine.js'

describe('normalize and terms', () => {
  it('folds full-width, half-width and case into one form', () => {
    expect(terms('ＢＥＲＴ')).toEqual(['bert'])
    expect(terms('BERT')).toEqual(['bert'])
    expect(terms('ソフトマックス')).toEqual(['ソフ', 'フト', 'トマ', 'マッ', 'ック', 'クス'])
    expect(terms('ｗｏｒｄ２ｖｅｃ')).toEqual(terms('word2vec'))
    expect(terms('ｿﾌﾄﾏｯｸｽ')).toEqual(terms('ソフトマックス'))
    expect(normalize('Ａｂｃ')).toBe('abc')
  })

  it('turns a Japanese run into overlapping bigrams, so a query needs no spaces', () => {
    expect(terms('位置符号化')).toEqual(['位置', '置符', '符号', '号化', '位', '置', '符', '号', '化'])
    expect(runTerms('位置符号化')).toEqual(['位置', '置符', '符号', '号化'])
    // The bigram across the word boundary tells the two compounds apart.
    expect(runTerms('予測符号化')).not.toContain('置符')
  })

  it('splits Latin words from Japanese in mixed text', () => {
    expect(runs('BERT の事前訓練')).toEqual(['bert', 'の事前訓練'])
    expect(runs('BERTの事前訓練')).toEqual(['bert', 'の事前訓練'])
    expect(terms('GPT-4')).toEqual(['gpt', '4'])
  })

  it('reads a word written in parts as one word', () => {
    expect(terms('カルバック・ライブラー')).toEqual(terms('カルバックライブラー'))
    expect(terms('長=短期記憶')).toEqual(terms('長短期記憶'))
  })

  it('keeps a lone kanji and drops a lone kana', () => {
    expect(runTerms('脳')).toEqual(['脳'])
    expect(runTerms('の')).toEqual([])
  })

  it('gives each run its index terms: bigrams, then each kanji of a longer run alone', () => {
    expect(runIndexTerms('位置符号化')).toEqual(['位置', '置符', '符号', '号化', '位', '置', '符', '号', '化'])
    expect(runIndexTerms('のモデル')).toEqual(['のモ', 'モデ', 'デル'])
    expect(runIndexTerms('bert')).toEqual(['bert'])
    expect(runIndexTerms('の')).toEqual([])
    expect(terms('BERTの位置')).toEqual(['bert', 'の位', '位置', '位', '置'])
  })

  it('makes GitHub-style slugs', () => {
    expect(slug('BERT: 事前訓練比較')).toBe('bert-事前訓練比較')
    expect(slug('3.4. 2013 年 word2vec, 単語埋め込み')).toBe('34-2013-年-word2vec-単語埋め込み')
  })
})

describe('snippet', () => {
  it('marks the matched words and cuts around the first match', () => {
    const text = 'あ'.repeat(200) + ' 位置符号化器は単語の位置を表す。'
    const pieces = snippet(text, '位置符号化', 60)
    expect(pieces[0]).toEqual({ text: '…', mark: false })
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(['位置符号化'])
  })

  it('marks Latin words whatever their case or width', () => {
    const pieces = snippet('We pre-train BERT on text.', 'ＢＥＲＴ')
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(['BERT'])
  })
})
