//! Unit tests of figure reading.

mod basics {
    use super::super::*;
    use crate::extract::{Extractor, Lexicon};

    fn figures(text: &str) -> Vec<Mention> {
        Extractor::new(&Lexicon::builtin())
            .unwrap()
            .extract(text, &crate::extract::Context::default())
            .into_iter()
            .filter(|m| !m.kind.is_temporal())
            .collect()
    }

    fn one(text: &str) -> Mention {
        let found = figures(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(1.0)
    }

    #[test]
    fn money_with_symbols_codes_and_words() {
        let m = one("reaching $30 billion");
        assert_eq!((m.kind, m.value, m.unit.as_deref()), (MentionKind::Money, Some(30e9), Some("USD")));
        assert!(close(m.interval.lo, 29.5e9) && close(m.interval.hi, 30.5e9));
        assert_eq!(one("£2.34bn").unit.as_deref(), Some("GBP"));
        assert!(close(one("£2.34bn").value.unwrap(), 2.34e9));
        assert!(close(one("€48m").value.unwrap(), 48e6));
        assert_eq!(one("USD 5 million").unit.as_deref(), Some("USD"));
        assert_eq!(one("30 billion dollars").unit.as_deref(), Some("USD"));
        assert_eq!(one("4,000 krona per car").unit.as_deref(), Some("SEK"));
        let yen = one("¥3 trillion");
        assert_eq!((yen.unit.as_deref(), yen.value), (Some("JPY"), Some(3e12)));
    }

    #[test]
    fn percentages_and_points() {
        let p = one("rose 12% to");
        assert_eq!((p.kind, p.value), (MentionKind::Percent, Some(12.0)));
        assert_eq!((p.interval.lo, p.interval.hi), (11.5, 12.5));
        assert_eq!(one("40 per cent").kind, MentionKind::Percent);
        assert_eq!(one("6.6 percent").interval, Interval::around(6.6, 0.05));
        assert_eq!(one("up 2 percentage points").unit.as_deref(), Some("pp"));
        assert_eq!(one("cut by 25 basis points").unit.as_deref(), Some("bp"));
        assert_eq!(one("-3%").value, Some(-3.0));
    }

    #[test]
    fn counts_keep_their_noun_and_precision() {
        let m = one("a toll of 5,937 soldiers");
        assert_eq!((m.kind, m.value, m.unit.as_deref()), (MentionKind::Number, Some(5937.0), Some("soldiers")));
        assert_eq!(m.interval, Interval::around(5937.0, 0.5));
        let round = one("to 120,000 units");
        assert_eq!(round.interval, Interval::around(120_000.0, 5000.0));
        let scaled = one("2.8 million tonnes");
        assert_eq!(scaled.unit.as_deref(), Some("t"));
        let entries: Vec<&str> = scaled.lexicon.iter().map(|e| &**e).collect();
        assert_eq!(entries, ["scales: million", "units: tonnes"]);
        assert!(close(scaled.interval.hi, 2.85e6));
    }

    #[test]
    fn qualifiers_bound_or_widen() {
        let more = one("more than 150,000 casualties");
        assert_eq!(more.qualifier, Some(Qualifier::Above));
        assert!(more.interval.hi.is_infinite() && more.low() == Some(145_000.0) && more.high().is_none());
        let about = one("about 1,600 households");
        assert!(about.interval.lo <= 1520.0 && about.interval.hi >= 1680.0);
        let nearly = one("nearly $5 billion");
        assert!(close(nearly.interval.hi, 5e9) && nearly.interval.lo < 4.8e9);
        assert_eq!(one("up to 600,000 tonnes").interval.lo, 0.0);
    }

    #[test]
    fn multiples_and_ordinals() {
        assert_eq!(one("2.5 times as many").kind, MentionKind::Multiplier);
        assert_eq!(one("three times as many").value, Some(3.0));
        assert_eq!(one("three times as many").kind, MentionKind::Multiplier);
        assert_eq!(one("a 10-fold rise").value, Some(10.0));
        assert_eq!(one("its 10th anniversary").kind, MentionKind::Ordinal);
    }

    #[test]
    fn names_codes_versions_and_times_are_not_figures() {
        for text in [
            "an F-16 jet",
            "after Covid-19 struck",
            "the G7 summit",
            "version 2.1 shipped",
            "v3.24.0 fixes it",
            "they won 3-1 at home",
            "at 23:10 each night",
            "No. 1 seed",
            "Section 230 of the act",
            "page 14 of the report",
            "at 10 Harbour Street",
            "call 020 7946 0000",
            "a Boeing 737 landed",
            "mail a@b12.com now",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:?}", figures(text));
        }
    }

    #[test]
    fn metres_written_against_digits_are_not_millions() {
        assert!(figures("the 100m final").is_empty());
        assert!(close(one("a £450m deal").value.unwrap(), 450e6));
    }
}

mod breadth {
    use super::super::*;
    use crate::extract::{Extractor, Lexicon, Locale};

    fn read(text: &str, locale: Locale) -> Vec<Mention> {
        let context = Context { publication: None, locale };
        Extractor::new(&Lexicon::builtin())
            .unwrap()
            .extract(text, &context)
            .into_iter()
            .filter(|m| !m.kind.is_temporal())
            .collect()
    }

    fn one(text: &str) -> Mention {
        let found = read(text, Locale::En);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn shown<'t>(text: &'t str, m: &Mention) -> &'t str {
        &text[m.range.clone()]
    }

    #[test]
    fn currencies_after_the_amount_and_scaled_codes() {
        for (text, code, value) in [
            ("banknotes of 50 € each", "EUR", 50.0),
            ("a fee of 100元 was", "CNY", 100.0),
            ("mined 6.25 BTC a block", "BTC", 6.25),
            ("billed 115USD in total", "USD", 115.0),
            ("losses of 30 MUSD were", "USD", 30e6),
            ("revenue of MAUD 60 last", "AUD", 60e6),
            ("a loss of 75 USD million", "USD", 75e6),
            ("paid 250 million Dutch guilders", "NLG", 250e6),
            ("costs C $16.4 million", "CAD", 16.4e6),
            ("sold at 197 pence", "GBP/100", 197.0),
            ("down 34 cents", "USD/100", 34.0),
            ("raised Rs 35 crore", "INR", 35e7),
        ] {
            let m = read(text, Locale::En)
                .into_iter()
                .find(|m| m.kind == MentionKind::Money)
                .unwrap_or_else(|| panic!("{text}"));
            assert_eq!(m.unit.as_deref(), Some(code), "{text}");
            assert!((m.value.unwrap() - value).abs() < 1e-6 * value, "{text}: {:?}", m.value);
        }
    }

    #[test]
    fn cents_complete_a_whole_amount() {
        let m = one("it cost 3 dollars 50 cents.");
        assert_eq!((m.value, m.unit.as_deref()), (Some(3.5), Some("USD")));
        assert_eq!(one("it costs 15 dollars and 15.").value, Some(15.15));
        let euros = one("it cost 20 euros and 50 cents.");
        assert_eq!((euros.value, euros.unit.as_deref()), (Some(20.5), Some("EUR")));
        assert_eq!(read("it costs $15 and 20 people came", Locale::En)[0].value, Some(15.0));
    }

    #[test]
    fn amounts_keep_what_they_are_per() {
        let text = "a dividend of $1.40 a share and 40 barrels per day, up from $1.20 a year earlier";
        let found = read(text, Locale::En);
        let amounts = found.iter().filter(|m| matches!(m.kind, MentionKind::Money | MentionKind::Number));
        let per: Vec<Option<&str>> = amounts.map(|m| m.per.as_deref()).collect();
        assert_eq!(per, [Some("share"), Some("day"), None]);
        assert_eq!(one("a 6.2p-a-share payout").per.as_deref(), Some("share"));
    }

    #[test]
    fn units_of_measure_are_kept_and_named() {
        for (text, unit) in
            [("a 10 MB limit", "MB"), ("ran 300km north", "km"), ("2.5 tonnes of it", "t"), ("84mm of rain", "mm")]
        {
            let m = one(text);
            assert_eq!((m.kind, m.unit.as_deref()), (MentionKind::Number, Some(unit)), "{text}");
            assert!(m.lexicon.iter().any(|e| e.starts_with("units: ")), "{text}: {:?}", m.lexicon);
        }
    }

    #[test]
    fn ranges_have_bounds_but_no_value() {
        for (text, kind, lo, hi) in [
            ("between 10 and 12 people", MentionKind::Number, 9.5, 12.5),
            ("a rise of 10-12% is", MentionKind::Percent, 9.5, 12.5),
            ("worth $3m–$4m each", MentionKind::Money, 2.5e6, 4.5e6),
            ("3 to 5 million people", MentionKind::Number, 2.5e6, 5.5e6),
            ("from 1000-5000 units", MentionKind::Number, 500.0, 5500.0),
        ] {
            let m = one(text);
            assert_eq!((m.kind, m.form, m.value), (kind, Form::Range, None), "{text}");
            assert!(
                (m.low().unwrap() - lo).abs() < 1e-6 * hi && (m.high().unwrap() - hi).abs() < 1e-6 * hi,
                "{text}: {m:?}"
            );
        }
    }

    #[test]
    fn descending_pairs_and_changes_are_not_ranges() {
        assert!(read("they won 3-1 at home", Locale::En).is_empty());
        assert!(read("a 5-4 vote", Locale::En).is_empty());
        let change = read("rose from 10 to 12 percent", Locale::En);
        assert_eq!(change.len(), 2, "{change:?}");
        assert!(change.iter().all(|m| m.form == Form::Plain));
    }

    #[test]
    fn signs_bounds_after_and_scientific_notation() {
        assert_eq!(one("just need minus 5 percent").value, Some(-5.0));
        let points = one("its share was up 4pp");
        assert_eq!((points.kind, points.value, points.unit.as_deref()), (MentionKind::Points, Some(4.0), Some("pp")));
        assert_eq!(one("at −3%").value, Some(-3.0));
        let more = one("about 500 or more in stock");
        assert_eq!(more.qualifier, Some(Qualifier::AtLeast));
        assert_eq!(shown("about 500 or more in stock", &more), "about 500 or more");
        assert_eq!(one("roughly 1.3e6 cells").value, Some(1.3e6));
        assert!(read("a 10k run and a 4K TV", Locale::En).is_empty(), "k against digits is money only");
        assert_eq!(one("a £10k bonus").value, Some(10_000.0));
    }

    #[test]
    fn locales_group_digits_their_own_way() {
        let de = read("Der Umsatz stieg auf 1.234,5 Mio.", Locale::De);
        assert_eq!(de[0].value, Some(1234.5));
        let en = one("weighs 1.234 kg");
        assert_eq!(en.value, Some(1.234));
        assert!(en.note.as_deref().unwrap_or("").contains("1234"), "{en:?}");
        let list = read("exercises 22,24,26", Locale::En);
        assert_eq!(list.iter().map(|m| m.value.unwrap()).collect::<Vec<_>>(), [22.0, 24.0, 26.0]);
    }

    #[test]
    fn a_percent_sign_alone_is_vague_and_percent_of_is_read_only_at_a_clause_end() {
        let bare = one("shows the % of increase");
        assert_eq!((bare.kind, bare.form, bare.value), (MentionKind::Percent, Form::Vague, None));
        assert_eq!(one("percent of 10").value, Some(10.0));
        assert_eq!(one("the percent of 10 households").kind, MentionKind::Number);
    }

    #[test]
    fn words_join_digits_and_cents_and_refused_phrases_stay_unread() {
        assert_eq!(one("it cost thirteen dollars and forty-five cents").value, Some(13.45));
        assert_eq!(one("it costs one dollar and two and more").value, Some(1.02));
        assert_eq!(one("a ratio of 1 over 3.").value, Some(1.0 / 3.0));
        let rose = read("prices rose 500 over two years", Locale::En);
        assert_eq!(rose[0].value, Some(500.0), "{rose:?}");
        assert!(read("four hundred point sixty-two", Locale::En).is_empty());
        assert_eq!(one("it was 3 hundred and 21 in all").value, Some(321.0));
        assert_eq!(one("a 2  1/4 inch pipe").value, Some(2.25));
        assert!(one("about 1.1^23 atoms").value.is_some_and(|v| (v - 1.1f64.powi(23)).abs() < 1e-9));
        assert_eq!(one("a rate of 2.5^-1 here").value, Some(0.4));
        assert!(read("on 3/4 the board met", Locale::En).iter().all(|m| m.value != Some(0.75)));
        assert_eq!(one("only ¾ of them").value, Some(0.75));
        let rate = one("prices rose ½% in May");
        assert_eq!((rate.kind, rate.value), (MentionKind::Percent, Some(0.5)));
    }

    #[test]
    fn words_that_are_money_only_sometimes() {
        for text in ["he weighs 200 pounds", "the side has 8 won and 4 lost", "the Fed raised rates seven times"] {
            let found = read(text, Locale::En);
            assert!(found.iter().all(|m| m.kind == MentionKind::Number), "{text}: {found:?}");
        }
        assert_eq!(one("a 361 million pounds profit").unit.as_deref(), Some("GBP"));
        assert_eq!(one("arrested 3 times last year").kind, MentionKind::Number);
        assert_eq!(one("3 times as many").kind, MentionKind::Multiplier);
        let range = one("worth $3-4 million");
        assert_eq!((range.kind, range.unit.as_deref(), range.form), (MentionKind::Money, Some("USD"), Form::Range));
        assert_eq!(read("the rate was cut by 0.5 to 4.5%", Locale::En).len(), 2);
        assert!(read("it cost 007 dollars", Locale::En).is_empty());
        assert_eq!(read("tickets cost $10 and 15, respectively", Locale::En)[0].value, Some(10.0));
    }
}

/// Wordings that once read wrong or not at all, one test or two per wording.
mod wordings {
    use super::super::*;
    use crate::extract::{Extractor, Lexicon};

    fn figures(text: &str) -> Vec<Mention> {
        Extractor::new(&Lexicon::builtin())
            .unwrap()
            .extract(text, &crate::extract::Context::default())
            .into_iter()
            .filter(|m| !m.kind.is_temporal())
            .collect()
    }

    fn one(text: &str) -> Mention {
        let found = figures(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    /// Kind, value and unit of the one figure in `text`, the value rounded to
    /// millionths so that scaled decimals compare exactly.
    fn read(text: &str) -> (MentionKind, Option<f64>, Option<String>) {
        let m = one(text);
        (m.kind, m.value.map(|v| (v * 1e6).round() / 1e6), m.unit)
    }

    /// The text of the one figure in `text`.
    fn shown(text: &str) -> &str {
        &text[one(text).range]
    }

    fn money(value: f64, code: &str) -> (MentionKind, Option<f64>, Option<String>) {
        (MentionKind::Money, Some(value), Some(code.to_string()))
    }

    #[test]
    fn newswire_scale_abbreviations_after_money() {
        assert_eq!(read("a deal worth $10 bln"), money(10e9, "USD"));
        assert_eq!(read("sales of €3.2 mln last year"), money(3.2e6, "EUR"));
        assert_eq!(read("it raised $40 M from investors"), money(40e6, "USD"));
        assert_eq!(read("a £2 B buyout"), money(2e9, "GBP"));
        assert_eq!(read("debt of US$ 1.5 tln"), money(1.5e12, "USD"));
        assert_eq!(read("a $10bln loan"), money(10e9, "USD"));
        assert_eq!(read("raised Rs 5 mil"), money(5e6, "INR"));
        // "mln" is no money-only word: newswire counts barrels and people in it too.
        assert_eq!(read("output of 3 mln barrels").1, Some(3e6));
    }

    #[test]
    fn a_capital_m_after_a_space_is_millions_only_for_money() {
        assert_eq!(read("he came 5 M behind"), (MentionKind::Number, Some(5.0), None));
        assert_eq!(read("she won the 100 M"), (MentionKind::Number, Some(100.0), None));
        // Lower case after a space stays as it was: "m" is read only against the digits.
        assert_eq!(read("it cost $40 m to build"), money(40.0, "USD"));
        // "mil" is a thickness without a currency.
        assert_eq!(read("a 6 mil plastic sheet").1, Some(6.0));
        assert_eq!(read("three mil thick").1, Some(3.0));
    }

    #[test]
    fn fold_multiples_in_words_and_digits() {
        let multiple = |v: f64| (MentionKind::Multiplier, Some(v), Some("x".to_string()));
        assert_eq!(read("sales rose three-fold"), multiple(3.0));
        assert_eq!(read("prices rose threefold"), multiple(3.0));
        assert_eq!(read("Fourfold rises are rare"), multiple(4.0));
        assert_eq!(read("debt grew tenfold in a decade"), multiple(10.0));
        assert_eq!(read("a twenty-five-fold jump"), multiple(25.0));
        assert_eq!(read("a one hundred-fold rise"), multiple(100.0));
        assert_eq!(read("costs rose 3-fold"), multiple(3.0));
        assert_eq!(read("a 2.5-fold rise"), multiple(2.5));
        assert_eq!(read("a 10fold rise"), multiple(10.0));
        assert_eq!(shown("it rose three-fold."), "three-fold");
    }

    #[test]
    fn fold_that_is_no_multiple() {
        assert!(figures("the manifold leaked").is_empty());
        assert!(figures("the fold in the map").is_empty());
        for text in ["three fold-out beds", "three folds of cloth", "a 3-folded map", "they fold three shirts"] {
            let found = figures(text);
            assert!(found.iter().all(|m| m.kind == MentionKind::Number), "{text}: {found:?}");
        }
    }

    #[test]
    fn money_as_a_hyphenated_adjective() {
        // Minor units keep their own unit, as "34 cents" does.
        assert_eq!(read("a 12-cent dividend"), money(12.0, "USD/100"));
        assert_eq!(read("a 50-pence piece"), money(50.0, "GBP/100"));
        assert_eq!(read("a 40-euro fine"), money(40.0, "EUR"));
        assert_eq!(read("a five-dollar bill"), money(5.0, "USD"));
        assert_eq!(read("a 10-yen coin"), money(10.0, "JPY"));
        assert_eq!(read("a $3-million grant"), money(3e6, "USD"));
        // After a scale, "pound" is money.
        assert_eq!(read("a 30-million-pound deal"), money(30e6, "GBP"));
        assert_eq!(one("a 5-dollar-a-day wage").per.as_deref(), Some("day"));
        assert_eq!(one("a $5-a-share payout").per.as_deref(), Some("share"));
    }

    #[test]
    fn hyphenated_words_that_are_no_money() {
        for text in ["the 100-metre final", "a 3-pound bag of flour", "a 3-pound coin", "a 12-p stamp", "a 5-year plan"]
        {
            let found = figures(text);
            assert!(found.iter().all(|m| m.kind != MentionKind::Money), "{text}: {found:?}");
        }
        assert_eq!(read("a 3-million-strong army"), (MentionKind::Number, Some(3e6), None));
    }

    /// Every figure of `text` as (kind, value, unit, text).
    fn all(text: &str) -> Vec<(MentionKind, Option<f64>, Option<String>, &str)> {
        figures(text).into_iter().map(|m| (m.kind, m.value, m.unit, &text[m.range])).collect()
    }

    #[test]
    fn a_currency_between_two_amounts_is_read_once() {
        let usd = |v: f64, shown| (MentionKind::Money, Some(v), Some("USD".to_string()), shown);
        let eur = |v: f64, shown| (MentionKind::Money, Some(v), Some("EUR".to_string()), shown);
        // Written before each amount: the symbol after the first starts the second.
        assert_eq!(all("it cost $ 20.00 $ 37.50 in all"), [usd(20.0, "$ 20.00"), usd(37.5, "$ 37.50")]);
        assert_eq!(all("it cost USD 5 USD 6 then"), [usd(5.0, "USD 5"), usd(6.0, "USD 6")]);
        // Written after each amount: the symbol after the first is its own.
        assert_eq!(all("it cost 20 € 30 € in all"), [eur(20.0, "20 €"), eur(30.0, "30 €")]);
        assert_eq!(all("were 20 $ 30 $ and 40 $"), [usd(20.0, "20 $"), usd(30.0, "30 $"), usd(40.0, "40 $")]);
        // Nor is a bound after one figure read again before the next.
        let bounds = all("500 or more than 600 came");
        assert_eq!(bounds.iter().map(|f| f.3).collect::<Vec<_>>(), ["500 or more", "600"]);
    }

    #[test]
    fn amounts_side_by_side_stay_two() {
        assert_eq!(
            all("it costs 15 dollars 37.50 today").iter().map(|f| f.1).collect::<Vec<_>>(),
            [Some(15.0), Some(37.5)]
        );
        assert_eq!(all("it cost €20 €30 here").iter().map(|f| f.3).collect::<Vec<_>>(), ["€20", "€30"]);
        // Cents still complete a whole amount, and one currency still reads once.
        assert_eq!(one("it cost 3 dollars 50 cents.").value, Some(3.5));
        assert_eq!(read("it cost $ 20 in all"), money(20.0, "USD"));
    }

    #[test]
    fn a_code_against_a_symbol_names_the_currency() {
        assert_eq!(read("he paid NZD$15 for it"), money(15.0, "NZD"));
        assert_eq!(read("fees of USD$5 each"), money(5.0, "USD"));
        assert_eq!(read("a HKD$ 3.5 million flat"), money(3.5e6, "HKD"));
        assert_eq!(read("a NZD$1.2bn deal"), money(1.2e9, "NZD"));
        // Listed symbols still read as listed.
        assert_eq!(read("it cost AUD$40"), money(40.0, "AUD"));
        assert_eq!(read("it cost CAD$7"), money(7.0, "CAD"));
    }

    #[test]
    fn letters_against_a_symbol_that_are_no_code() {
        for text in ["a XNZD$5 token", "an ABC$5 voucher", "a Nzd$5 fee"] {
            let found = figures(text);
            assert!(found.iter().all(|m| m.kind != MentionKind::Money), "{text}: {found:?}");
        }
    }

    #[test]
    fn currency_names_are_read_in_the_plural() {
        assert_eq!(read("it cost 100 pesetas then"), money(100.0, "ESP"));
        assert_eq!(read("worth 50 markkas in 1990"), money(50.0, "FIM"));
        assert_eq!(read("paid 20 Portuguese escudos"), money(20.0, "PTE"));
        assert_eq!(read("fined 10 francs"), money(10.0, "franc"));
        assert_eq!(read("it cost 3 Swiss francs"), money(3.0, "CHF"));
        assert_eq!(read("a loss of 2 million Italian lire"), money(2e6, "ITL"));
        assert_eq!(read("sold for 7 Turkish liras"), money(7.0, "TRY"));
        assert_eq!(read("only 8 New Zealand dollars"), money(8.0, "NZD"));
        // Singular names and words that are their own plural.
        assert_eq!(read("just 1 peseta"), money(1.0, "ESP"));
        assert_eq!(read("it cost 40 baht"), money(40.0, "THB"));
        assert_eq!(read("it cost 5 yen"), money(5.0, "JPY"));
    }

    #[test]
    fn plurals_that_are_no_currency() {
        // No plural is derived for words read as written: "yens" and "rands" are none.
        for text in ["he has 5 yens", "they won 4 rands", "he got 5 marks in the test", "he weighs 200 pounds"] {
            let found = figures(text);
            assert!(found.iter().all(|m| m.kind != MentionKind::Money), "{text}: {found:?}");
        }
        // "lira" alone is Turkish, never Italian.
        assert_eq!(read("it cost 9 liras"), money(9.0, "TRY"));
    }
}
